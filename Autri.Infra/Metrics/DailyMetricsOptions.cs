using System.ComponentModel.DataAnnotations;

namespace Autri.Infra.Metrics;

/// <summary>Section "Metrics": the portal's daily CloudWatch metrics (Aws mode; infra-cdk sets the namespace).</summary>
public sealed class DailyMetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>The deployment's custom namespace (<c>Autri/&lt;env&gt;</c>); the task role may put metrics in this one only.</summary>
    [Required(ErrorMessage = "Configuration missing value for: Metrics:Namespace")]
    [RegularExpression(@"^(?!AWS/)[A-Za-z0-9._/#:-]{1,255}$", ErrorMessage = "Metrics:Namespace must be a CloudWatch namespace not starting with AWS/")]
    public string Namespace { get; set; } = "";

    /// <summary>UTC time of day from which the day's publication is due.</summary>
    public TimeOnly PublishAtUtc { get; set; } = new(6, 0);

    /// <summary>How often an instance looks again once the time has come (another instance may already have published).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Metrics:CheckInterval must be between 1 minute and 1 day")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromHours(1);
}
