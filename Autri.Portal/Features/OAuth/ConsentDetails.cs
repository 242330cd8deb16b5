using Autri.Infra.OAuth;

namespace Autri.Portal.Features.OAuth;

/// <summary>What the consent page shows about one authorization request; read from OpenIddict's validated request and stores.</summary>
public sealed record ConsentDetails(
    string ClientName,
    bool NameIsUnverified,
    bool Verified,
    string? VerifiedHost,
    string RedirectHost,
    string RedirectOrigin,
    bool StaysConnected,
    AppAccessGrant? Existing,
    IReadOnlyList<LibraryChoice> Libraries)
{
    public static async Task<ConsentDetails> LoadAsync(OpenIddictRequest request, Guid userId, IOpenIddictApplicationManager applications,
        AppAccessGrants grants, ConnectorStore connectors, CancellationToken ct)
    {
        var application = await applications.FindByClientIdAsync(request.ClientId!, ct) ?? throw new InvalidOperationException("OpenIddict validated an unknown client");
        var properties = await applications.GetPropertiesAsync(application, ct);
        var verified = properties.TryGetValue(OAuthClientDescriptor.SourceProperty, out var source) && source.GetString() == "cimd";
        var redirect = new Uri(request.RedirectUri!);
        var displayName = await applications.GetDisplayNameAsync(application, ct);
        return new ConsentDetails(
            displayName ?? Host(request.RedirectUri) ?? request.ClientId!,
            NameIsUnverified: displayName is not null,
            verified,
            verified ? new Uri(request.ClientId!).Authority : null,
            redirect.Authority,
            redirect.GetLeftPart(UriPartial.Authority),
            request.HasScope(OpenIddictConstants.Scopes.OfflineAccess),
            await grants.FindLiveAsync(userId, request.ClientId!, ct),
            await connectors.LibrariesForAsync(userId, ct));
    }

    public static string? Host(string? uri) => Uri.TryCreate(uri, UriKind.Absolute, out var u) ? u.Host : null;
}
