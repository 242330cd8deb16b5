using System.ComponentModel.DataAnnotations;

namespace Autri.Mcp.Configuration;

/// <summary>Section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    [Required] public string ConnectionString { get; set; } = "";
}
