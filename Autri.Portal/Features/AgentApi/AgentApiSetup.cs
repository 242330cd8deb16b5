namespace Autri.Portal.Features.AgentApi;

public static class AgentApiSetup
{
    /// <summary>
    /// The coordination agent's API and what stands behind it: counts, the health history, release notices and the
    /// admin roster sign-in keeps for them (registered always; the endpoints exist only with AgentApi:Token).
    /// </summary>
    public static void AddAgentApi(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<AgentApiOptions>(AgentApiOptions.Section);
        builder.Services.AddSingleton<AgentTokenCheck>();
        builder.Services.AddSingleton<DeploymentCounts>();
        builder.Services.AddSingleton<HealthHistory>();
        builder.Services.AddSingleton<ReleaseNotices>();
        builder.Services.AddSingleton<AdminRoster>();
    }
}
