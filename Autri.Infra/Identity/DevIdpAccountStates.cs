namespace Autri.Infra.Identity;

/// <summary>
/// An account's state at the local dev IdP (dev/idp README, "Account state"): GET /admin/accounts/&lt;sub&gt; with the
/// portal client's id and secret. 404 is a deleted account; any other failure is thrown.
/// </summary>
public sealed class DevIdpAccountStates : IAccountStates, IDisposable
{
    private readonly HttpClient _http;

    public DevIdpAccountStates(string authority, string clientId, string clientSecret)
    {
        _http = new HttpClient { BaseAddress = new Uri(authority.TrimEnd('/') + "/") };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(clientId) + ":" + Uri.EscapeDataString(clientSecret))));
    }

    public async Task<AccountState> GetAsync(string username, CancellationToken ct)
    {
        using var response = await _http.GetAsync("admin/accounts/" + Uri.EscapeDataString(username), ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return AccountState.Deleted;
        response.EnsureSuccessStatusCode();
        var account = await response.Content.ReadFromJsonAsync<Account>(ct)
            ?? throw new HttpRequestException("The dev IdP answered an empty account state");
        return new AccountState(true, account.Enabled, "CONFIRMED", account.Groups ?? []);
    }

    public void Dispose() => _http.Dispose();

    private sealed record Account(bool Enabled, List<string>? Groups);
}
