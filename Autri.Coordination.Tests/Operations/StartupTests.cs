namespace Autri.Coordination.Tests.Operations;

public sealed class StartupTests
{
    private static InvalidOperationException StartWith(Dictionary<string, string?> settings) =>
        Assert.Throws<InvalidOperationException>(() => CoordinationApp.Create([], b => b.Configuration.AddInMemoryCollection(settings)));

    [Fact]
    public void Without_a_fleet_account_or_a_database_the_service_refuses_to_start_naming_the_keys()
    {
        var error = StartWith(new() { ["Database:ConnectionString"] = "Host=127.0.0.1;Database=x" });
        Assert.Contains("Coordination:Admins", error.Message);

        var noDatabase = StartWith(new() { ["Coordination:Admins:vendor"] = CoordinationProcess.AdminHash });
        Assert.Contains("Database:Host", noDatabase.Message);
    }

    [Fact]
    public void A_fleet_account_whose_value_is_not_a_password_hash_is_refused()
    {
        var error = StartWith(new()
        {
            ["Database:ConnectionString"] = "Host=127.0.0.1;Database=x",
            ["Coordination:Admins:vendor"] = "plain-text-password",
        });

        Assert.Contains("Admins:vendor is not a hash", error.Message);
        Assert.DoesNotContain("plain-text-password", error.Message);
    }
}
