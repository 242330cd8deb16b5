namespace Autri.Portal;

/// <summary>Builds the portal; tests call this to run the real app on Kestrel.</summary>
public static class PortalApp
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        return app;
    }
}
