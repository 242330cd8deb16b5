namespace Autri.Portal.Features.AgentApi;

/// <summary>
/// Every agent API call carries <c>Authorization: Bearer &lt;AgentApi:Token&gt;</c>, compared in constant time;
/// anything else is 401. The agent is the only caller: people never have this token.
/// </summary>
public sealed class AgentTokenCheck(IOptions<AgentApiOptions> options) : IEndpointFilter
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Token ?? ""));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // A machine's API: its 401s and 404s stay bare, never re-executed into the people's HTML status pages.
        if (context.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } statusPages) statusPages.Enabled = false;
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..].Trim() : "";
        if (presented.Length == 0 || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _expected))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Unauthorized();
        }
        return await next(context);
    }
}
