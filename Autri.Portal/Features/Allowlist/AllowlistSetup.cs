using Autri.Domain.Parameters;
using Autri.Infra.Allowlist;

namespace Autri.Portal.Features.Allowlist;

public static class AllowlistSetup
{
    /// <summary>The editor writes the same parameter the cached <see cref="AllowlistReader"/> (sign-in gate) reads.</summary>
    public static void AddAllowlistEditor(this WebApplicationBuilder builder, PortalOptions portal)
    {
        builder.Services.AddSingleton<AllowlistAudit>();
        builder.Services.AddSingleton(sp => new AllowlistEditor(sp.GetRequiredService<IParameterStore>(), portal.AllowlistParameter,
            sp.GetRequiredService<AllowlistReader>(), sp.GetRequiredService<AllowlistAudit>(), sp.GetRequiredService<ILogger<AllowlistEditor>>()));
    }
}
