namespace Autri.Mcp.Transport;

/// <summary>HTTP-level refusals of /mcp, as a JSON-RPC error object (id null: the request was not processed).</summary>
public static class JsonRpcErrors
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int ServerError = -32000;
    public const int Unauthorized = -32001;

    public static Task WriteAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = JsonSerializer.SerializeToUtf8Bytes(new ErrorEnvelope(new ErrorBody(code, message)), JsonRpcJson.Default.ErrorEnvelope);
        return context.Response.Body.WriteAsync(body).AsTask();
    }

    public sealed record ErrorBody(int Code, string Message);

    public sealed record ErrorEnvelope(ErrorBody Error)
    {
        public string Jsonrpc => "2.0";

        public object? Id => null;
    }
}
