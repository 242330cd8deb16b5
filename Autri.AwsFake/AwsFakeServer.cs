using System.Net;
using Autri.AwsFake.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Autri.AwsFake;

/// <summary>
/// A strict fake of the AWS JSON services our code calls (SSM, Cognito user pools, CloudWatch Logs, Cost
/// Explorer, Budgets, Secrets Manager, CloudWatch metrics) on a real Kestrel at 127.0.0.1 with a free port. Every request must be SigV4-signed
/// (by default with <see cref="AccessKeyId"/>/<see cref="SecretAccessKey"/>, and the signature is verified),
/// carry the model's Content-Type and a known X-Amz-Target, and have a body its AWS model accepts.
/// </summary>
public sealed class AwsFakeServer : IAsyncDisposable
{
    /// <summary>The credentials the fake knows by default; configure clients under test with these.</summary>
    public const string AccessKeyId = "AKIAAUTRIFAKETESTKEY";
    public const string SecretAccessKey = "autri/fake/secret/key/for/tests/only/00000";

    private static readonly HashSet<string> GlobalSigningNames = ["ce", "budgets"];
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(15);

    private readonly Dictionary<string, IFakeService> _byPrefix;
    private readonly ConcurrentQueue<FakeCall> _calls = new();
    private WebApplication? _app;

    public AwsFakeServer(string modelsFolder, string region = "us-east-1", string accountId = "123456789012")
    {
        Region = region;
        AccountId = accountId;
        ServiceModel Load(string file) => ServiceModel.Load(Path.Combine(modelsFolder, file));
        Ssm = new SsmFake(Load("ssm.json"), this);
        Cognito = new CognitoFake(Load("cognito-idp.json"));
        Logs = new LogsFake(Load("logs.json"), this);
        CostExplorer = new CostExplorerFake(Load("ce.json"));
        Budgets = new BudgetsFake(Load("budgets.json"), this);
        Secrets = new SecretsManagerFake(ServiceModel.Load(Path.Combine(AppContext.BaseDirectory, SecretsManagerFake.ModelFile)), this);
        CloudWatch = new CloudWatchFake(Load("cloudwatch.json").With(ServiceModel.Load(Path.Combine(AppContext.BaseDirectory, CloudWatchFake.SupplementFile))));
        _byPrefix = new IFakeService[] { Ssm, Cognito, Logs, CostExplorer, Budgets, Secrets, CloudWatch }.ToDictionary(s => s.Model.TargetPrefix);
        Credentials[AccessKeyId] = SecretAccessKey;
    }

    public string Region { get; }

    public string AccountId { get; }

    /// <summary>The principal recorded as the caller (SSM's LastModifiedUser).</summary>
    public string CallerArn { get; set; } = "arn:aws:iam::123456789012:user/autri-fake-caller";

    public SsmFake Ssm { get; }
    public CognitoFake Cognito { get; }
    public LogsFake Logs { get; }
    public CostExplorerFake CostExplorer { get; }
    public BudgetsFake Budgets { get; }
    public SecretsManagerFake Secrets { get; }
    public CloudWatchFake CloudWatch { get; }

    public FailureQueue Failures { get; } = new();

    /// <summary>Access key id → secret key. Requests signed with another key get UnrecognizedClientException.</summary>
    public ConcurrentDictionary<string, string> Credentials { get; } = new();

    /// <summary>When false, only the shape of the Authorization header is checked, not the signature.</summary>
    public bool VerifySignatures { get; set; } = true;

    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Every request received, in arrival order.</summary>
    public IReadOnlyList<FakeCall> Calls => _calls.ToArray();

    /// <summary>Successful calls of one target, e.g. "AWSInsightsIndexService.GetCostAndUsage".</summary>
    public int CallCount(string target) => _calls.Count(c => c.Target == target && c.Succeeded);

    public void ClearCalls() => _calls.Clear();

    /// <summary>Patterns of the loaded models that .NET could not compile and the fake therefore does not enforce.</summary>
    public IEnumerable<string> UnenforcedPatterns => _byPrefix.Values.SelectMany(s => s.Model.PatternProblems.Select(p => s.Model.FileName + " " + p));

    public string BaseUrl { get; private set; } = "";

    public async Task StartAsync(CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync(ct);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var requestId = Guid.NewGuid().ToString();
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        var target = http.Request.Headers["X-Amz-Target"].ToString();
        var body = await ReadBodyAsync(http.Request, http.RequestAborted);
        var parsed = TryParse(body);
        var dot = target.LastIndexOf('.');
        var service = dot > 0 && _byPrefix.TryGetValue(target[..dot], out var s) ? s : null;
        var operation = dot > 0 ? target[(dot + 1)..] : "";
        var headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());

        int status;
        string? code = null, message = null, json;
        string contentType = service?.Model.ContentType ?? "application/x-amz-json-1.1";
        try
        {
            json = await AnswerAsync(http, target, body, parsed, service, operation);
            status = 200;
        }
        catch (AwsFakeException e)
        {
            status = e.HttpStatus;
            code = e.Code;
            message = e.Message;
            var messageMember = service?.Model.MessageMember(e.Code) ?? "message";
            json = new JsonObject { ["__type"] = Namespaced(e.Code), [messageMember] = e.Message }.ToJsonString();
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            _calls.Enqueue(new FakeCall(target, service?.Model.FileName ?? "", operation, parsed ?? default, headers, 499, "ClientClosedRequest", null, Time.GetUtcNow()));
            return;
        }
        // Recorded before answering, so a test that has its answer also sees the call.
        _calls.Enqueue(new FakeCall(target, service?.Model.FileName ?? "", operation, parsed ?? default, headers, status, code, message, Time.GetUtcNow()));
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(json));
    }

    private async Task<string> AnswerAsync(HttpContext http, string target, byte[] body, JsonElement? parsed, IFakeService? service, string operation)
    {
        if (http.Request.Method != "POST" || http.Request.Path != "/")
            throw new AwsFakeException("UnknownOperationException", "The JSON protocol is POST /", 404);
        if (service is null || !service.Model.Operations.TryGetValue(operation, out var op))
            throw new AwsFakeException("UnknownOperationException", $"Unknown X-Amz-Target '{target}'");
        var akid = CheckSignature(http.Request, body, service.Model);
        CheckContentType(http.Request, service.Model);
        if (parsed is not { ValueKind: JsonValueKind.Object } input)
            throw new AwsFakeException("SerializationException", "The body must be a JSON object");
        if (op.Input is { } inputShape)
        {
            var errors = new ShapeValidator(service.Model).Validate(inputShape, input);
            if (errors.Count > 0)
                throw new AwsFakeException(service.Model.ValidationErrorCode(op), ShapeValidator.Describe(errors));
        }
        if (Failures.Take(target) is { } fault)
        {
            if (fault.Delay is { } delay) await Task.Delay(delay, Time, http.RequestAborted);
            else throw new AwsFakeException(fault.Code!, fault.Message!, fault.Status);
        }
        var json = (service.Handle(new FakeRequest(operation, input, akid, Region, Time.GetUtcNow())) ?? new JsonObject()).ToJsonString();
        if (op.Output is { } outputShape)
        {
            using var doc = JsonDocument.Parse(json);
            var errors = ShapeValidator.ForOutput(service.Model).Validate(outputShape, doc.RootElement);
            if (errors.Count > 0)
                throw new AwsFakeException("InternalFailure", "The AWS fake built a response its own model rejects: " + ShapeValidator.Describe(errors), 500);
        }
        return json;
    }

    // Validation errors come back with a namespace (as AWS's front end sends them); clients must strip it.
    private static string Namespaced(string code) =>
        code == "ValidationException" ? "com.amazon.coral.validate#ValidationException" : code;

    private string CheckSignature(HttpRequest request, byte[] body, ServiceModel model)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
            throw new AwsFakeException("MissingAuthenticationTokenException", "Missing Authentication Token", 403);
        var auth = SigV4.Parse(header)
            ?? throw new AwsFakeException("IncompleteSignatureException", "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' in AWS4-HMAC-SHA256 form", 403);
        if (auth.Service != model.SigningName)
            throw new AwsFakeException("IncompleteSignatureException", $"Credential should be scoped to correct service: '{model.SigningName}'.", 403);
        var expectedRegion = GlobalSigningNames.Contains(model.SigningName) ? "us-east-1" : Region;
        if (auth.Region != expectedRegion)
            throw new AwsFakeException("IncompleteSignatureException", $"Credential should be scoped to a valid region: '{expectedRegion}'.", 403);
        if (!auth.SignedHeaders.Contains("host") || !auth.SignedHeaders.Contains("x-amz-date"))
            throw new AwsFakeException("IncompleteSignatureException", "'host' and 'x-amz-date' must be among the signed headers", 403);
        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", null, System.Globalization.DateTimeStyles.AssumeUniversal, out var signedAt))
            throw new AwsFakeException("IncompleteSignatureException", "X-Amz-Date must be present as yyyyMMddTHHmmssZ", 403);
        if (!amzDate.StartsWith(auth.Date, StringComparison.Ordinal))
            throw new AwsFakeException("IncompleteSignatureException", "Date in Credential scope does not match X-Amz-Date", 403);
        if ((Time.GetUtcNow() - signedAt).Duration() > MaxClockSkew)
            throw new AwsFakeException("InvalidSignatureException", "Signature expired: the request time is more than 15 minutes from the server time", 403);
        if (!Credentials.TryGetValue(auth.AccessKeyId, out var secret))
            throw new AwsFakeException("UnrecognizedClientException", "The security token included in the request is invalid.", 403);
        if (!VerifySignatures) return auth.AccessKeyId;

        var payloadHash = SigV4.PayloadHash(body);
        var declaredHash = request.Headers["X-Amz-Content-SHA256"].ToString();
        if (declaredHash.Length > 0 && declaredHash != "UNSIGNED-PAYLOAD" && declaredHash != payloadHash)
            throw new AwsFakeException("InvalidSignatureException", "X-Amz-Content-SHA256 does not match the body", 403);
        var headers = request.Headers
            .Where(h => auth.SignedHeaders.Contains(h.Key.ToLowerInvariant()))
            .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? "")));
        var canonical = SigV4.CanonicalRequest(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? "",
            headers, auth.SignedHeaders, declaredHash.Length > 0 ? declaredHash : payloadHash);
        var expected = SigV4.Signature(secret, auth.Date, auth.Region, auth.Service, SigV4.StringToSign(amzDate, auth.Scope, canonical));
        if (expected != auth.Signature)
            throw new AwsFakeException("InvalidSignatureException", "The request signature we calculated does not match the signature you provided.", 403);
        return auth.AccessKeyId;
    }

    private static void CheckContentType(HttpRequest request, ServiceModel model)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, model.ContentType, StringComparison.OrdinalIgnoreCase))
            throw new AwsFakeException("SerializationException", $"Content-Type must be {model.ContentType}, got '{request.ContentType}'");
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var ms = new MemoryStream();
        await request.Body.CopyToAsync(ms, ct);
        return ms.ToArray();
    }

    private static JsonElement? TryParse(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
