namespace Autri.Infra.OAuth.Clients;

/// <summary>
/// Makes a metadata-document client known to OpenIddict: fetch the document its https client_id names, check that
/// it vouches for that URL and for the redirect URI asked for, then create or refresh the public client OpenIddict
/// sees under that client_id. From there OpenIddict treats it as any other client.
/// </summary>
public sealed class MetadataDocumentClients(MetadataDocumentFetcher fetcher, IOpenIddictApplicationManager applications, OAuthDbContext ef, TimeProvider clock,
    ILogger<MetadataDocumentClients> log)
{
    /// <returns>Null when the client is ready for this request, else why it may not proceed.</returns>
    public async Task<string?> PrepareAsync(string clientId, string? redirectUri, CancellationToken ct)
    {
        if (ClientMetadataDocument.UrlProblem(clientId) is { } urlProblem) return urlProblem;
        var fetched = await fetcher.FetchAsync(clientId, ct);
        var problem = fetched.Problem ?? fetched.Document!.Problem(clientId, redirectUri);
        if (problem is not null)
        {
            log.LogInformation(new EventId(41, "oauth_metadata_document_refused"), "Refused the metadata document of client {client_id}: {problem}", clientId, problem);
            return problem;
        }

        var document = fetched.Document!;
        var name = string.IsNullOrWhiteSpace(document.ClientName) ? null : document.ClientName.Trim()[..Math.Min(document.ClientName.Trim().Length, ClientRegistrar.MaxClientNameLength)];
        var descriptor = OAuthClientDescriptor.Create(clientId, null, name, document.RedirectUris, refreshTokens: true, ClientSource.MetadataDocument, clock.GetUtcNow());
        var existing = await applications.FindByClientIdAsync(clientId, ct);
        if (existing is null)
        {
            try
            {
                await applications.CreateAsync(descriptor, ct);
                log.LogInformation(new EventId(42, "oauth_client_registered"), "Registered metadata-document client {client_id}", clientId);
                return null;
            }
            catch (Exception ex) when (IsDuplicate(ex))
            {
                // Another request registered it first: forget our failed insert and refresh that one below.
                ef.ChangeTracker.Clear();
                existing = await applications.FindByClientIdAsync(clientId, ct);
                if (existing is null) throw;
            }
        }
        // The document may have changed since: its redirect URIs and name are what count now.
        var current = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(current, existing, ct);
        if (current.Properties.TryGetValue(OAuthClientDescriptor.RegisteredAtProperty, out var registeredAt))
            descriptor.Properties[OAuthClientDescriptor.RegisteredAtProperty] = registeredAt;
        await applications.PopulateAsync(existing, descriptor, ct);
        await applications.UpdateAsync(existing, ct);
        return null;
    }

    private static bool IsDuplicate(Exception ex) =>
        ex is Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } };
}
