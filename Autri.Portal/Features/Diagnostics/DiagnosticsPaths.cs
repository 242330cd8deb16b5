namespace Autri.Portal.Features.Diagnostics;

public static class DiagnosticsPaths
{
    public const string Page = "/admin/diagnostics";

    public static string Download(Guid id) => $"{Page}/{id}.json";
}
