namespace Autri.Infra.Aws;

/// <summary>
/// The one Secrets Manager call Autri makes (GetSecretValue, for the database password of the triggers and the
/// MCP server: neither Lambda nor AgentCore can inject a secret), over the same signed AWS JSON 1.1 client as
/// the typed clients in Aws/. Shapes follow AWS's model (botocore
/// <c>secretsmanager/2017-10-17/service-2.json</c>: target prefix and signing name <c>secretsmanager</c>).
/// Minimal on purpose; if more of Secrets Manager is ever needed, make it an ISecretsManagerClient like the others.
/// </summary>
public sealed class SecretsManager(AwsJsonClient client)
{
    /// <summary>Throttling codes as for every AWS JSON service; 5xx (InternalServiceError) is retried by the client anyway.</summary>
    public static readonly AwsService Service = new("secretsmanager", "SecretsManager", "secretsmanager", "secretsmanager", "1.1", null,
        AwsJson.PascalCase, new HashSet<string> { "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded" });

    public Task<GetSecretValueResponse> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(request.SecretId)) throw new ArgumentException("SecretId is required", nameof(request));
        return client.InvokeAsync<GetSecretValueRequest, GetSecretValueResponse>("GetSecretValue", request, ct);
    }
}

public sealed record GetSecretValueRequest
{
    public required string SecretId { get; init; }
    public string? VersionId { get; init; }
    public string? VersionStage { get; init; }
}

/// <summary>Only what the triggers read; the other members (VersionStages, CreatedDate, SecretBinary) are ignored.</summary>
public sealed record GetSecretValueResponse
{
    public string? ARN { get; init; }
    public string? Name { get; init; }
    public string? VersionId { get; init; }
    public string? SecretString { get; init; }

    /// <summary>Redacted: the record's generated ToString would otherwise print the secret.</summary>
    public override string ToString() => $"GetSecretValueResponse {{ ARN = {ARN}, VersionId = {VersionId} }}";
}
