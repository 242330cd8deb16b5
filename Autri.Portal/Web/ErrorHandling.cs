using Microsoft.AspNetCore.Diagnostics;

namespace Autri.Portal.Web;

/// <summary>Unhandled errors become a status page (never a stack trace) and a log line; a database outage is a 503.</summary>
public static class ErrorHandling
{
    public static bool IsDatabaseOutage(Exception? ex) => ex switch
    {
        null => false,
        Npgsql.NpgsqlException { IsTransient: true } => true,
        Npgsql.NpgsqlException n when n.InnerException is System.Net.Sockets.SocketException or TimeoutException => true,
        System.Net.Sockets.SocketException => true,
        _ => IsDatabaseOutage(ex.InnerException),
    };

    public static void UsePortalErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/status/500",
            StatusCodeSelector = ex => IsDatabaseOutage(ex) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePagesWithReExecute("/status/{0}");
    }

    /// <summary>The exception being handled, for the status page to say whether the database is the cause.</summary>
    public static Exception? HandledError(HttpContext context) => context.Features.Get<IExceptionHandlerFeature>()?.Error;
}
