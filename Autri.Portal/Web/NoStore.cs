namespace Autri.Portal.Web;

public static class NoStore
{
    /// <summary>
    /// Pages that show a secret, an editable list or an error are never stored by the browser or a proxy. The value is
    /// the one antiforgery writes on pages with a form, so the framework does not warn that it was overridden.
    /// </summary>
    public static void NeverStore(this HttpResponse response) => response.Headers.CacheControl = "no-cache, no-store";
}
