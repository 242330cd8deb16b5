namespace Autri.Infra.Tests.Connectors;

/// <summary>The real dev IdP (oidc-provider), one per test class: registrations, token endpoint, JWKS.</summary>
public sealed class IdpFixture : IAsyncLifetime
{
    public DevIdentityProvider Idp { get; private set; } = default!;

    public async Task InitializeAsync() => Idp = await DevIdentityProvider.StartAsync(["http://127.0.0.1:9"]);

    public async Task DisposeAsync() => await Idp.DisposeAsync();
}
