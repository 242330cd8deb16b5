namespace Autri.Portal.Features.Allowlist;

/// <summary>
/// The preview's save form: the proposed list and the version it is based on, plus the admin's original input
/// (additions, removals) so "Back to editing" and every refusal keep it.
/// </summary>
public sealed class SaveInput
{
    public const string SaveIntent = "save";
    public const string EditIntent = "edit";

    public string? Proposed { get; set; }
    public string? Base { get; set; }
    public long BaseVersion { get; set; }
    public string? Note { get; set; }
    public string? Additions { get; set; }
    public string? Removals { get; set; }
    public string? Type { get; set; }
    public long? RestoredFrom { get; set; }
    public string? Intent { get; set; }
}
