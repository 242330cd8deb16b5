namespace Autri.Portal.Features.Ops.Costs;

public static class CostsSetup
{
    /// <summary>
    /// Cost Explorer and Budgets through the cost cache in AWS. Locally there is no account to read, so nothing is
    /// registered and the page explains how to connect one.
    /// </summary>
    public static void AddCosts(this WebApplicationBuilder builder, PortalOptions portal)
    {
        if (portal.IsLocal) return;
        builder.Services.AddAwsClients(builder.Configuration);
        builder.Services.AddAwsCostReports(builder.Configuration);
    }
}
