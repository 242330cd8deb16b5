using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime.Signing;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Autri.Infra.Aws;

/// <summary>
/// One AWS JSON 1.x service over HTTP: <c>POST /</c> with <c>X-Amz-Target: Prefix.Operation</c>, signed with
/// AWSSDK.Core's SigV4 signer, each attempt bounded by a timeout, throttling/5xx/network failures retried with
/// exponential backoff and jitter (Polly), everything else surfaced at once as <see cref="AwsServiceException"/>.
/// The typed clients (SsmClient, CognitoIdpClient, …) sit on this.
/// </summary>
public sealed class AwsJsonClient
{
    private readonly HttpClient _http;
    private readonly IAwsCredentialsSource _credentials;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly RegionEndpoint _signingRegion;

    public AwsJsonClient(AwsClientSettings settings, HttpClient http, IAwsCredentialsSource credentials, ILogger? logger = null, TimeProvider? time = null)
    {
        if (settings.MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(settings), "MaxAttempts must be at least 1");
        Settings = settings;
        _http = http;
        _credentials = credentials;
        _logger = logger ?? NullLogger.Instance;
        _signingRegion = RegionEndpoint.GetBySystemName(settings.SigningRegion);
        var builder = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System };
        if (settings.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = settings.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome.Exception)),
                OnRetry = args =>
                {
                    LogRetry(args.Outcome.Exception, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }
        _pipeline = builder.AddTimeout(settings.Timeout).Build();
    }

    public AwsClientSettings Settings { get; }

    private AwsService Service => Settings.Service;

    /// <summary>Calls one operation with a typed request and response, serialized per the service's JSON rules.</summary>
    public async Task<TResponse> InvokeAsync<TRequest, TResponse>(string operation, TRequest request, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, Service.Json);
        var answer = await SendAsync(operation, body, ct);
        try
        {
            return JsonSerializer.Deserialize<TResponse>(answer.Length == 0 ? "{}"u8 : answer, Service.Json)
                ?? throw new JsonException("The response body was JSON null");
        }
        catch (JsonException e)
        {
            throw new AwsServiceException(Service.Name, operation, "InvalidResponse", "The response did not match the expected shape: " + e.Message, 200, null, false, e);
        }
    }

    /// <summary>Sends a raw JSON body as it is: for operations without a typed method, and for tests of the wire.</summary>
    public async Task<JsonNode?> InvokeJsonAsync(string operation, JsonNode body, CancellationToken ct)
    {
        var answer = await SendAsync(operation, JsonSerializer.SerializeToUtf8Bytes(body), ct);
        return answer.Length == 0 ? new JsonObject() : JsonNode.Parse(answer);
    }

    private async Task<byte[]> SendAsync(string operation, byte[] body, CancellationToken ct)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token => await AttemptAsync(operation, body, token), ct);
        }
        catch (TimeoutRejectedException e)
        {
            throw new AwsServiceException(Service.Name, operation, "RequestTimeout",
                $"No answer within {Settings.Timeout.TotalSeconds:0.###} s after {Settings.MaxAttempts} attempt(s)", 0, null, true, e);
        }
        catch (HttpRequestException e)
        {
            throw new AwsServiceException(Service.Name, operation, "NetworkError", e.Message, 0, null, true, e);
        }
        catch (AmazonClientException e)
        {
            throw new AwsServiceException(Service.Name, operation, "CredentialsUnavailable", e.Message, 0, null, false, e);
        }
    }

    private async Task<byte[]> AttemptAsync(string operation, byte[] body, CancellationToken ct)
    {
        using var request = await SignedRequestAsync(operation, body, ct);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        var answer = await response.Content.ReadAsByteArrayAsync(ct);
        if (response.IsSuccessStatusCode) return answer;
        throw ToException(operation, response, answer);
    }

    private async Task<HttpRequestMessage> SignedRequestAsync(string operation, byte[] body, CancellationToken ct)
    {
        var target = Service.TargetPrefix + "." + operation;
        var signing = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = Settings.Endpoint, Content = body };
        signing.Headers["Content-Type"] = Service.ContentType;
        signing.Headers["X-Amz-Target"] = target;
        var signed = await AWSSigV4Signer.SignAsync(signing, new AWSSigV4Parameters
        {
            Credentials = await _credentials.GetAsync(ct),
            Region = _signingRegion,
            Service = Service.SigningName,
            SignPayload = true,
        }, ct);

        var request = new HttpRequestMessage(HttpMethod.Post, Settings.Endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(Service.ContentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        foreach (var (name, value) in signed.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) continue;
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    private AwsServiceException ToException(string operation, HttpResponseMessage response, byte[] answer)
    {
        var status = (int)response.StatusCode;
        var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        string? code = response.Headers.TryGetValues("X-Amzn-ErrorType", out var types) ? types.FirstOrDefault() : null;
        string? message = null;
        try
        {
            using var doc = JsonDocument.Parse(answer);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    if (p.Value.ValueKind != JsonValueKind.String) continue;
                    if (p.NameEquals("__type") || (code is null && p.NameEquals("code"))) code = p.Value.GetString();
                    else if (p.Name.Equals("message", StringComparison.OrdinalIgnoreCase)) message = p.Value.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not AWS's JSON (a proxy's error page, say): fall back to the HTTP status.
        }
        code = CleanCode(code) ?? (status >= 500 ? "InternalFailure" : "HttpStatus" + status);
        return new AwsServiceException(Service.Name, operation, code, message ?? response.ReasonPhrase ?? code, status, requestId,
            Service.IsRetryable(code, status));
    }

    // "com.amazon.coral.validate#ValidationException" and "ValidationException:http://…" both mean ValidationException.
    private static string? CleanCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var hash = code.LastIndexOf('#');
        if (hash >= 0) code = code[(hash + 1)..];
        var colon = code.IndexOf(':');
        if (colon >= 0) code = code[..colon];
        return code.Trim();
    }

    private static bool IsTransient(Exception? e) => e switch
    {
        AwsServiceException aws => aws.IsRetryable,
        TimeoutRejectedException => true,
        HttpRequestException => true,
        IOException => true,
        _ => false,
    };

    private void LogRetry(Exception? e, int failedAttempt, TimeSpan delay)
    {
        if (e is AwsServiceException aws)
            _logger.LogWarning("AWS {Service} {Operation} attempt {Attempt} failed with {ErrorCode} (HTTP {Status}, request id {RequestId}); retrying in {Delay} ms",
                Service.Name, aws.Operation, failedAttempt, aws.ErrorCode, aws.StatusCode, aws.RequestId, (int)delay.TotalMilliseconds);
        else
            _logger.LogWarning("AWS {Service} call attempt {Attempt} failed with {Failure}; retrying in {Delay} ms",
                Service.Name, failedAttempt, e?.GetType().Name, (int)delay.TotalMilliseconds);
    }
}
