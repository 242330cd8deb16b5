using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Autri.AwsFake.Model;
using Autri.AwsFake.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Autri.AwsFake;

/// <summary>
/// Secrets Manager's GetSecretValue as strictly as Autri.AwsFake speaks the other services (that fake has no
/// Secrets Manager, and its model folder has no model for it): POST /, the model's X-Amz-Target and
/// Content-Type, a verified SigV4 signature scoped to secretsmanager and the region, the body checked against
/// a trimmed copy of AWS's model (secretsmanager.json, next to this file), AWS's error shapes. Used by the triggers'
/// and the MCP server's tests (both read the database password from Secrets Manager).
/// </summary>
public sealed class SecretsManagerFake : IAsyncDisposable
{
    private readonly ServiceModel _model = ServiceModel.Load(Path.Combine(AppContext.BaseDirectory, "secretsmanager.json"));
    private readonly ConcurrentDictionary<string, string> _secrets = new();
    private readonly ConcurrentQueue<(string Code, int Status)> _failures = new();
    private readonly ConcurrentQueue<(string Operation, int Status, string? ErrorCode)> _calls = new();
    private readonly string _region;
    private WebApplication? _app;

    public SecretsManagerFake(string region) => _region = region;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<(string Operation, int Status, string? ErrorCode)> Calls => _calls.ToArray();

    /// <summary>An RDS-style secret ARN (name plus the 6 random characters Secrets Manager appends).</summary>
    public string Put(string name, string secretString)
    {
        var arn = $"arn:aws:secretsmanager:{_region}:123456789012:secret:{name}-AbCdEf";
        _secrets[arn] = secretString;
        return arn;
    }

    /// <summary>The next <paramref name="count"/> valid calls answer this error.</summary>
    public void Fail(string code, int status, int count = 1)
    {
        for (var i = 0; i < count; i++) _failures.Enqueue((code, status));
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var operation = "";
        int status;
        string? code = null;
        string json;
        try
        {
            operation = Check(http.Request, body);
            json = Answer(JsonDocument.Parse(body).RootElement);
            status = 200;
        }
        catch (AwsFakeException e)
        {
            status = e.HttpStatus;
            code = e.Code;
            var type = e.Code == "ValidationException" ? "com.amazon.coral.validate#ValidationException" : e.Code;
            json = new JsonObject { ["__type"] = type, [_model.MessageMember(e.Code)] = e.Message }.ToJsonString();
        }
        _calls.Enqueue((operation, status, code));
        http.Response.StatusCode = status;
        http.Response.ContentType = _model.ContentType;
        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(json));
    }

    private string Check(HttpRequest request, byte[] body)
    {
        var target = request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith(_model.TargetPrefix + ".", StringComparison.Ordinal) ? target[(_model.TargetPrefix.Length + 1)..] : "";
        if (request.Method != "POST" || request.Path != "/" || !_model.Operations.TryGetValue(operation, out var op))
            throw new AwsFakeException("UnknownOperationException", $"Unknown X-Amz-Target '{target}'");
        CheckSignature(request, body);
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), _model.ContentType, StringComparison.OrdinalIgnoreCase))
            throw new AwsFakeException("SerializationException", $"Content-Type must be {_model.ContentType}");
        JsonElement input;
        try
        {
            input = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            throw new AwsFakeException("SerializationException", "The body must be a JSON object");
        }
        if (input.ValueKind != JsonValueKind.Object) throw new AwsFakeException("SerializationException", "The body must be a JSON object");
        var errors = new ShapeValidator(_model).Validate(op.Input!, input);
        if (errors.Count > 0) throw new AwsFakeException(_model.ValidationErrorCode(op), ShapeValidator.Describe(errors));
        if (_failures.TryDequeue(out var failure)) throw new AwsFakeException(failure.Code, "Injected failure", failure.Status);
        return operation;
    }

    private void CheckSignature(HttpRequest request, byte[] body)
    {
        var auth = SigV4.Parse(request.Headers.Authorization.ToString())
            ?? throw new AwsFakeException("IncompleteSignatureException", "Authorization header is not AWS4-HMAC-SHA256", 403);
        if (auth.Service != _model.SigningName || auth.Region != _region)
            throw new AwsFakeException("IncompleteSignatureException", $"Credential should be scoped to '{_region}/{_model.SigningName}'", 403);
        if (auth.AccessKeyId != AwsFakeServer.AccessKeyId)
            throw new AwsFakeException("UnrecognizedClientException", "The security token included in the request is invalid.", 403);
        var amzDate = request.Headers["X-Amz-Date"].ToString();
        var declared = request.Headers["X-Amz-Content-SHA256"].ToString();
        var payloadHash = SigV4.PayloadHash(body);
        if (declared.Length > 0 && declared != payloadHash)
            throw new AwsFakeException("InvalidSignatureException", "X-Amz-Content-SHA256 does not match the body", 403);
        var headers = request.Headers
            .Where(h => auth.SignedHeaders.Contains(h.Key.ToLowerInvariant()))
            .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? "")));
        var canonical = SigV4.CanonicalRequest(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? "", headers, auth.SignedHeaders, payloadHash);
        var expected = SigV4.Signature(AwsFakeServer.SecretAccessKey, auth.Date, auth.Region, auth.Service, SigV4.StringToSign(amzDate, auth.Scope, canonical));
        if (expected != auth.Signature)
            throw new AwsFakeException("InvalidSignatureException", "The request signature we calculated does not match the signature you provided.", 403);
    }

    private string Answer(JsonElement input)
    {
        var id = input.GetProperty("SecretId").GetString()!;
        if (!_secrets.TryGetValue(id, out var value))
            throw new AwsFakeException("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        var answer = new JsonObject
        {
            ["ARN"] = id,
            ["Name"] = id.Split(':')[^1][..^7],
            ["VersionId"] = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
            ["SecretString"] = value,
            ["VersionStages"] = new JsonArray("AWSCURRENT"),
            ["CreatedDate"] = double.Parse("1523477145.713", CultureInfo.InvariantCulture),
        }.ToJsonString();
        var errors = ShapeValidator.ForOutput(_model).Validate("GetSecretValueResponse", JsonDocument.Parse(answer).RootElement);
        if (errors.Count > 0) throw new AwsFakeException("InternalFailure", "The fake's answer breaks the model: " + ShapeValidator.Describe(errors), 500);
        return answer;
    }
}
