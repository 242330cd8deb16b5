namespace Autri.Portal.Features.Licence;

public static class LicencePaths
{
    public const string Page = "/admin/licence";
}
