namespace Autri.Infra.Aws;

/// <summary>
/// The one exception the AWS clients throw for a failed call: an AWS error answer, or a transport failure after
/// the retries ran out (then <see cref="StatusCode"/> is 0 and <see cref="ErrorCode"/> is RequestTimeout,
/// NetworkError or CredentialsUnavailable). Never carries credentials or request bodies.
/// </summary>
public sealed class AwsServiceException(
    string service, string operation, string errorCode, string message, int statusCode, string? requestId, bool isRetryable, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The service's short name: ssm, cognito-idp, logs, ce, budgets.</summary>
    public string Service { get; } = service;

    public string Operation { get; } = operation;

    /// <summary>AWS's error code without any "namespace#" prefix, e.g. ParameterNotFound.</summary>
    public string ErrorCode { get; } = errorCode;

    public int StatusCode { get; } = statusCode;

    /// <summary>The x-amzn-RequestId header, to quote to AWS support.</summary>
    public string? RequestId { get; } = requestId;

    /// <summary>Whether the client treated this as transient (throttling, 5xx, network); it has already retried.</summary>
    public bool IsRetryable { get; } = isRetryable;

    public override string ToString() =>
        $"{nameof(AwsServiceException)}: {Service}.{Operation} failed with {ErrorCode} (HTTP {StatusCode}, request id {RequestId ?? "none"}): {Message}"
        + (InnerException is null ? "" : Environment.NewLine + " ---> " + InnerException);
}
