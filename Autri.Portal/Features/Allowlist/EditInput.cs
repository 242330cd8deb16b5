namespace Autri.Portal.Features.Allowlist;

/// <summary>
/// The edit form. The list the admin started from travels with it (<see cref="Base"/>, <see cref="BaseVersion"/>):
/// it is not secret, and the save compares the version against the store. Removals are the "remove" checkboxes.
/// </summary>
public sealed class EditInput
{
    public string? Additions { get; set; }
    public string? Note { get; set; }
    public string? Base { get; set; }
    public long BaseVersion { get; set; }

    /// <summary>The parameter's type when loaded; a String parameter may be saved unchanged to convert it.</summary>
    public string? Type { get; set; }
}
