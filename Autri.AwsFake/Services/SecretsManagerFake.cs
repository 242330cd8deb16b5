namespace Autri.AwsFake.Services;

/// <summary>
/// Secrets Manager's GetSecretValue, for the triggers and the MCP server (both read the database password).
/// `../shared/aws-models/` has no Secrets Manager model, so its model is a trimmed copy of AWS's own
/// (Services/secretsmanager.json, GetSecretValue only); the server checks requests and answers against it as
/// for every other service. An unknown SecretId answers ResourceNotFoundException.
/// </summary>
public sealed class SecretsManagerFake(ServiceModel model, AwsFakeServer server) : IFakeService
{
    public const string ModelFile = "secretsmanager.json";

    private readonly ConcurrentDictionary<string, string> _secrets = new();

    public ServiceModel Model { get; } = model;

    /// <summary>Stores a secret under an RDS-style ARN (name plus the 6 random characters Secrets Manager appends) and returns the ARN.</summary>
    public string Put(string name, string secretString)
    {
        var arn = $"arn:aws:secretsmanager:{server.Region}:{server.AccountId}:secret:{name}-AbCdEf";
        _secrets[arn] = secretString;
        return arn;
    }

    public JsonNode? Handle(FakeRequest request)
    {
        var id = request.Body.GetProperty("SecretId").GetString()!;
        if (!_secrets.TryGetValue(id, out var value))
            throw new AwsFakeException("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
        return new JsonObject
        {
            ["ARN"] = id,
            ["Name"] = id.Split(':')[^1][..^7],
            ["VersionId"] = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
            ["SecretString"] = value,
            ["VersionStages"] = new JsonArray("AWSCURRENT"),
            ["CreatedDate"] = double.Parse("1523477145.713", CultureInfo.InvariantCulture),
        };
    }
}
