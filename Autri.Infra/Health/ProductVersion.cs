namespace Autri.Infra.Health;

/// <summary>An app's running version: its assembly's informational version (<c>1.4.0+&lt;commit&gt;</c>).</summary>
public static class ProductVersion
{
    public static string Of(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
