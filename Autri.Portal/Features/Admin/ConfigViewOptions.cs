namespace Autri.Portal.Features.Admin;

/// <summary>"Portal:ParameterPrefix": the deployment's Parameter Store path the configuration view lists (e.g. /autri/beta/).</summary>
public sealed class ConfigViewOptions
{
    [Required, RegularExpression("^/.*", ErrorMessage = "Portal:ParameterPrefix must begin with /")]
    public string ParameterPrefix { get; set; } = "/";
}
