namespace Autri.Infra.Database;

/// <summary>
/// The user name and password from an app role's login secret (<c>autri/&lt;env&gt;/db-mcp</c>, <c>db-triggers</c>: a JSON
/// object with <c>username</c> and <c>password</c>, the shape of CDK's generated RDS secrets too). Host, port and database
/// come from the environment, as infra-cdk passes them. Never printed: ToString hides the password.
/// </summary>
public sealed record DatabaseCredentials(string Username, string Password)
{
    public static DatabaseCredentials FromSecretString(string? secretString, string secretId)
    {
        if (string.IsNullOrEmpty(secretString))
            throw new DatabaseSecretException($"The secret {secretId} has no SecretString (a JSON object with username and password is expected)");
        try
        {
            using var doc = JsonDocument.Parse(secretString);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("username", out var u) && u.ValueKind == JsonValueKind.String && u.GetString() is { Length: > 0 } username
                && root.TryGetProperty("password", out var p) && p.ValueKind == JsonValueKind.String && p.GetString() is { Length: > 0 } password)
                return new DatabaseCredentials(username, password);
        }
        catch (JsonException)
        {
            // Reported below without the text, which may hold the password.
        }
        throw new DatabaseSecretException($"The secret {secretId} is not a JSON object with string members username and password");
    }

    public override string ToString() => $"DatabaseCredentials {{ Username = {Username}, Password = *** }}";
}

/// <summary>The database secret is missing or not the JSON CDK's generated RDS secret has: a deployment problem.</summary>
public sealed class DatabaseSecretException(string message) : Exception(message);
