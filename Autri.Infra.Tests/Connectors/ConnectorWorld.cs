using Autri.Infra.Tests.Connectors.ApiKeys;
using Microsoft.Extensions.Logging;

namespace Autri.Infra.Tests.Connectors;

/// <summary>
/// The connector services wired as the portal wires them (AddConnectors over configuration), on a fresh
/// migrated database and the real dev IdP. People are provisioned as at first sign-in (personal org and
/// library). <paramref name="decorate"/> may wrap the real client registry, to break things at a chosen moment.
/// </summary>
internal sealed class ConnectorWorld : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ConnectorWorld(ServiceProvider services, NpgsqlDataSource db, string issuer, ManualClock clock)
    {
        _services = services;
        Db = db;
        Issuer = issuer;
        Clock = clock;
    }

    public NpgsqlDataSource Db { get; }

    public string Issuer { get; }

    /// <summary>The clock the services use; tests move it to pass grace periods and expiries.</summary>
    public ManualClock Clock { get; }

    public ConnectorCreator Creator => _services.GetRequiredService<ConnectorCreator>();
    public ConnectorRevoker Revoker => _services.GetRequiredService<ConnectorRevoker>();
    public ConnectorRenamer Renamer => _services.GetRequiredService<ConnectorRenamer>();
    public ApiKeyRotator Rotator => _services.GetRequiredService<ApiKeyRotator>();
    public ConnectorStore Store => _services.GetRequiredService<ConnectorStore>();
    public TokenMinter Minter => _services.GetRequiredService<TokenMinter>();
    public ApiKeyVerifier Verifier => _services.GetRequiredService<ApiKeyVerifier>();
    public IClientRegistry Registry => _services.GetRequiredService<IClientRegistry>();
    public RegistrationHandleProtector Handles => _services.GetRequiredService<RegistrationHandleProtector>();

    public static Task<ConnectorWorld> CreateAsync(DevIdentityProvider idp, IDictionary<string, string?>? overrides = null,
        Func<IClientRegistry, IServiceProvider, IClientRegistry>? decorate = null) =>
        CreateAsync(idp.Issuer, overrides, decorate);

    /// <param name="configure">Runs after AddConnectors, e.g. to give the AWS clients the fake's keys.</param>
    public static async Task<ConnectorWorld> CreateAsync(string issuer, IDictionary<string, string?>? overrides = null,
        Func<IClientRegistry, IServiceProvider, IClientRegistry>? decorate = null, Action<IServiceCollection>? configure = null)
    {
        var db = NpgsqlDataSource.Create(await TestDatabase.NewAsync("conn"));
        await new Migrator(db).ApplyAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Identity:Authority"] = issuer,
            ["Connectors:Registry"] = "Local",
            ["Connectors:RegistrationToken"] = DevIdentityProvider.RegistrationToken,
            ["Connectors:Scope"] = "mcp.invoke",
            ["Connectors:MaxPerUser"] = "3",
            ["Connectors:ApiKeysEnabled"] = "true",
            ["ApiKeys:Peppers:1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["ApiKeys:CurrentPepperVersion"] = "1",
        };
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>()) settings[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var clock = ManualClock.Stopped();
        var services = new ServiceCollection();
        services.AddSingleton(db);
        services.AddSingleton<TimeProvider>(clock);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddConnectors(configuration);
        configure?.Invoke(services);
        if (decorate is not null)
        {
            var real = services.Last(d => d.ServiceType == typeof(IClientRegistry));
            services.Remove(real);
            services.AddSingleton(sp => decorate((IClientRegistry)real.ImplementationFactory!(sp), sp));
        }
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _ = provider.GetRequiredService<IClientRegistry>(); // so a decorator exists before the test touches it
        return new ConnectorWorld(provider, db, issuer, clock);
    }

    /// <summary>A person as first sign-in leaves them: user, personal org, "Personal" library with owner access.</summary>
    public async Task<(Actor Actor, Guid LibraryId)> NewPersonAsync(string? email = null)
    {
        email ??= $"p-{Guid.NewGuid():N}"[..14] + "@example.test";
        var p = await new ProvisioningService(Db, TimeProvider.System).EnsureProvisionedAsync(new NewIdentity("sub-" + email, email, "", EmailVerified: true), recordSignIn: true);
        return (new Actor(p.UserId, p.OrgId, email), p.LibraryId);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<T>(sql, args) ?? throw new InvalidOperationException("NULL from: " + sql);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var conn = await Db.OpenConnectionAsync();
        return (await conn.QueryAsync<T>(sql, args)).AsList();
    }

    /// <summary>Ends every other session of this database that sits in an open transaction (the creator waiting on the IdP).</summary>
    public async Task TerminateIdleTransactionsAsync()
    {
        await using var conn = await Db.OpenConnectionAsync();
        var killed = await conn.ExecuteScalarAsync<int>("""
            SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle in transaction'
            """);
        if (killed != 1) throw new InvalidOperationException($"Expected one open transaction to end, found {killed}");
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Db.DisposeAsync();
    }
}
