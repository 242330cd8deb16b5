using Autri.Infra.Licensing;

namespace Autri.Agent.Licence;

/// <summary>
/// The licence the agent is configured with, verified at start with the vendor key shipped in the image: it names the
/// deployment the agent speaks for. One that does not verify stops the agent at start, naming the setting and why
/// (an expired one does not: the agent keeps reporting, and the portal shows admins what to do).
/// </summary>
public sealed record AgentLicence(string Document, LicenceClaims Claims)
{
    public static AgentLicence Verify(string document, VendorPublicKey vendor)
    {
        var check = LicenceDocument.VerifyAsync(document, vendor.Key).GetAwaiter().GetResult();
        if (check.Claims is not { } claims)
            throw new InvalidOperationException($"Configuration missing or invalid value for: {AgentOptions.Section}:Licence ({check.Problem})");
        return new AgentLicence(document.Trim(), claims);
    }
}

public static class AgentLicenceSetup
{
    public static void AddAgentLicence(this HostApplicationBuilder builder, AgentOptions agent)
    {
        var vendorOptions = builder.AddValidatedOptions<VendorKeyOptions>(VendorKeyOptions.Section);
        var vendor = new VendorPublicKey(vendorOptions.PublicKey(agent.IsLocal));
        builder.Services.AddSingleton(vendor);
        builder.Services.AddSingleton(AgentLicence.Verify(agent.Licence, vendor));
    }
}
