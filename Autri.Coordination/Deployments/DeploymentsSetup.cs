namespace Autri.Coordination.Deployments;

public static class DeploymentsSetup
{
    /// <summary>What the agents' endpoints use: the deployment registry (credentials), heartbeats, manifests, diagnostics.</summary>
    public static void AddDeployments(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DeploymentRegistry>();
        builder.Services.AddSingleton<DeploymentAuthentication>();
        builder.Services.AddSingleton<HeartbeatStore>();
        builder.Services.AddSingleton<ManifestStore>();
        builder.Services.AddSingleton<DiagnosticsStore>();
    }
}
