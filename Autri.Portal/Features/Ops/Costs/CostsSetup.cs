using Autri.Infra.Metrics;

namespace Autri.Portal.Features.Ops.Costs;

public static class CostsSetup
{
    /// <summary>
    /// Cost Explorer and Budgets through the cost cache in AWS. Locally there is no account to read, so nothing is
    /// registered and the page explains how to connect one. With Metrics:Namespace (infra-cdk sets it), one instance a
    /// day also publishes each layer's cost and the notification counts to CloudWatch (Autri.Infra/Metrics).
    /// </summary>
    public static void AddCosts(this WebApplicationBuilder builder, PortalOptions portal)
    {
        if (portal.IsLocal) return;
        builder.Services.AddAwsClients(builder.Configuration);
        builder.Services.AddAwsCostReports(builder.Configuration);
        if (builder.Configuration[$"{DailyMetricsOptions.Section}:Namespace"] is { Length: > 0 })
            builder.Services.AddDailyMetrics(builder.Configuration);
    }
}
