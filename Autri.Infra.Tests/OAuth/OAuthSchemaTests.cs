using Autri.Infra.OAuth;
using Microsoft.EntityFrameworkCore;

namespace Autri.Infra.Tests.OAuth;

/// <summary>EF Core never creates the OAuth tables; migration 0011 holds the model's create script. They must agree.</summary>
public class OAuthSchemaTests
{
    [Fact]
    public void Migration_0011_holds_exactly_the_create_script_of_the_EF_model()
    {
        var options = new DbContextOptionsBuilder<OAuthDbContext>().UseNpgsql("Host=unused").Options;
        using var context = new OAuthDbContext(options);
        var generated = context.Database.GenerateCreateScript().ReplaceLineEndings("\n").Trim();

        var migration = Migrator.Embedded.Single(m => m.Name == "0011_oauth_server.sql").Sql.ReplaceLineEndings("\n");
        const string begin = "-- BEGIN OAuthDbContext create script\n", end = "-- END OAuthDbContext create script";
        var section = migration[(migration.IndexOf(begin, StringComparison.Ordinal) + begin.Length)..migration.IndexOf(end, StringComparison.Ordinal)];
        var script = string.Join('\n', section.Split('\n').SkipWhile(l => l.StartsWith("--", StringComparison.Ordinal))).Trim();

        Assert.Equal(generated, script);
    }
}
