namespace Autri.Infra.OAuth;

/// <summary>
/// OpenIddict's EF Core entities (Guid keys) over the project's Postgres, named like the rest of the schema:
/// tables <c>oauth_applications</c>, <c>oauth_authorizations</c>, <c>oauth_scopes</c>, <c>oauth_tokens</c>, snake_case
/// columns. EF never creates or migrates them: migration 0011 holds this model's create script verbatim, and a
/// test proves the two agree.
/// </summary>
public sealed class OAuthDbContext(DbContextOptions<OAuthDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.UseOpenIddict<Guid>();
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = "oauth_" + Snake(entity.GetTableName()!["OpenIddict".Length..]);
            entity.SetTableName(table);
            foreach (var property in entity.GetProperties()) property.SetColumnName(Snake(property.Name));
            foreach (var key in entity.GetKeys()) key.SetName(table + "_pkey");
            foreach (var fk in entity.GetForeignKeys())
                fk.SetConstraintName($"{table}_{string.Join("_", fk.Properties.Select(p => Snake(p.Name)))}_fkey");
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName($"{table}_{string.Join("_", index.Properties.Select(p => Snake(p.Name)))}_idx");
        }
    }

    /// <summary>ApplicationId → application_id, Tokens → tokens.</summary>
    internal static string Snake(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) sb.Append('_');
            sb.Append(char.ToLowerInvariant(name[i]));
        }
        return sb.ToString();
    }
}
