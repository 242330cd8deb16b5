namespace Autri.AwsFake.Services;

/// <summary>
/// SSM Parameter Store: parameters with versions and history. Follows the documented rules: 100 versions are kept
/// and the oldest is dropped on the 101st write; standard-tier values up to 4096 characters; SecureString values
/// come back as ciphertext-looking text unless WithDecryption; GetParametersByPath pages at most 10, history at
/// most 50. Labels are not modelled (the app never sets one): a label selector or filter is UnsupportedByFake.
/// </summary>
public sealed partial class SsmFake(ServiceModel model, AwsFakeServer server) : IFakeService
{
    public const int MaxVersions = 100;
    public const int StandardValueLimit = 4096;
    public const int AdvancedValueLimit = 8192;

    private readonly object _gate = new();
    private readonly Dictionary<string, StoredParameter> _parameters = new(StringComparer.Ordinal);

    public ServiceModel Model { get; } = model;

    public sealed record StoredVersion(
        long Version, string Type, string Value, string? Description, DateTimeOffset Modified, string User,
        string Tier, string? KeyId, string? AllowedPattern, string DataType);

    public sealed class StoredParameter(string name)
    {
        public string Name { get; } = name;
        public List<StoredVersion> Versions { get; } = [];
        public long LastVersion { get; set; }
        public StoredVersion Latest => Versions[^1];
    }

    /// <summary>The current plaintext value, for assertions (null when absent).</summary>
    public string? ValueOf(string name)
    {
        lock (_gate) return _parameters.TryGetValue(name, out var p) ? p.Latest.Value : null;
    }

    /// <summary>Deletes a parameter with its history, as a test's set-up (the app never deletes parameters).</summary>
    public void Remove(string name)
    {
        lock (_gate)
            if (!_parameters.Remove(name)) throw new InvalidOperationException($"There is no parameter {name} to remove.");
    }

    public JsonNode? Handle(FakeRequest r)
    {
        lock (_gate)
        {
            return r.Operation switch
            {
                "PutParameter" => Put(r),
                "GetParameter" => Get(r),
                "GetParametersByPath" => ByPath(r),
                "GetParameterHistory" => History(r),
                _ => throw new AwsFakeException("UnsupportedByFake", $"The fake does not implement {r.Operation}"),
            };
        }
    }

    private JsonNode Put(FakeRequest r)
    {
        var b = r.Body;
        var name = b.Str("Name")!;
        CheckName(name);
        var value = b.Str("Value")!;
        var tier = b.Str("Tier") ?? "Standard";
        if (tier == "Intelligent-Tiering") tier = value.Length > StandardValueLimit ? "Advanced" : "Standard";
        var limit = tier == "Advanced" ? AdvancedValueLimit : StandardValueLimit;
        if (value.Length > limit)
            throw new AwsFakeException("ValidationException", tier == "Standard"
                ? $"Standard tier parameters support a maximum parameter value of {StandardValueLimit} characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier."
                : $"Advanced tier parameters support a maximum parameter value of {AdvancedValueLimit} characters.");
        if (value.Length == 0)
            throw new AwsFakeException("ValidationException", "1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1");
        if (b.Str("AllowedPattern") is { } allowed)
        {
            var re = JavaPattern.TryCompile(allowed, out _) ?? throw new AwsFakeException("InvalidAllowedPatternException", "The request does not meet the regular expression requirement.");
            if (!re.IsMatch(value)) throw new AwsFakeException("ParameterPatternMismatchException", $"Parameter value, cannot be validated against allowedPattern: {allowed}");
        }
        var exists = _parameters.TryGetValue(name, out var p);
        if (exists && !b.Bool("Overwrite"))
            throw new AwsFakeException("ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
        var type = b.Str("Type") ?? (exists ? p!.Latest.Type : null)
            ?? throw new AwsFakeException("ValidationException", "A parameter type is required when you create a parameter.");
        if (exists && p!.Versions.Count >= MaxVersions) p.Versions.RemoveAt(0);
        if (!exists) _parameters[name] = p = new StoredParameter(name);
        var version = ++p!.LastVersion;
        p.Versions.Add(new StoredVersion(version, type, value, b.Str("Description") ?? (exists ? p.Versions.LastOrDefault()?.Description : null),
            r.Now, server.CallerArn, tier, type == "SecureString" ? b.Str("KeyId") ?? "alias/aws/ssm" : null, b.Str("AllowedPattern"), b.Str("DataType") ?? "text"));
        return new JsonObject { ["Version"] = version, ["Tier"] = tier };
    }

    private JsonNode Get(FakeRequest r)
    {
        var (p, v) = Select(r.Body.Str("Name")!);
        return new JsonObject { ["Parameter"] = ToParameter(p, v, r.Body.Bool("WithDecryption"), r.Region, Selector(r.Body.Str("Name")!)) };
    }

    private JsonNode ByPath(FakeRequest r)
    {
        var path = r.Body.Str("Path")!;
        if (!path.StartsWith('/'))
            throw new AwsFakeException("ValidationException", "The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward slash \"/\".");
        var prefix = path.EndsWith('/') ? path : path + "/";
        var recursive = r.Body.Bool("Recursive");
        var filters = Filters(r.Body);
        var matches = _parameters.Values
            .Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Where(p => recursive || !p.Name[prefix.Length..].Contains('/'))
            .Where(p => filters.All(f => f(p)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
        var max = (int)(r.Body.Long("MaxResults") ?? 10);
        var scope = $"path:{path}:{recursive}";
        var offset = Json.ReadToken(r.Body.Str("NextToken"), scope, "InvalidNextToken");
        var page = matches.Skip(offset).Take(max).Select(p => (JsonNode)ToParameter(p, p.Latest, r.Body.Bool("WithDecryption"), r.Region, null)).ToArray();
        var result = new JsonObject { ["Parameters"] = new JsonArray(page) };
        if (offset + max < matches.Count) result["NextToken"] = Json.Token(offset + max, scope);
        return result;
    }

    private List<Func<StoredParameter, bool>> Filters(JsonElement body)
    {
        var result = new List<Func<StoredParameter, bool>>();
        if (!body.TryGetProperty("ParameterFilters", out var fs)) return result;
        foreach (var f in fs.EnumerateArray())
        {
            var key = f.Str("Key")!;
            var option = f.Str("Option") ?? "Equals";
            var values = f.Strings("Values");
            if (option != "Equals") throw new AwsFakeException("InvalidFilterOption", $"The fake supports only the Equals option for {key}");
            result.Add(key switch
            {
                "Type" => p => values.Contains(p.Latest.Type),
                "KeyId" => p => p.Latest.KeyId is { } k && values.Contains(k),
                "Label" => throw NoLabels(),
                _ => throw new AwsFakeException("InvalidFilterKey", $"The following filter key is not valid for GetParametersByPath: {key}. Valid filter keys include: [Type, KeyId, Label]."),
            });
        }
        return result;
    }

    private JsonNode History(FakeRequest r)
    {
        var name = r.Body.Str("Name")!;
        if (!_parameters.TryGetValue(name, out var p)) throw NotFound(name);
        var max = (int)(r.Body.Long("MaxResults") ?? 50);
        var scope = "history:" + name;
        var offset = Json.ReadToken(r.Body.Str("NextToken"), scope, "InvalidNextToken");
        var decrypt = r.Body.Bool("WithDecryption");
        var page = p.Versions.Skip(offset).Take(max).Select(v =>
        {
            var h = new JsonObject
            {
                ["Name"] = p.Name,
                ["Type"] = v.Type,
                ["LastModifiedDate"] = Json.Epoch(v.Modified),
                ["LastModifiedUser"] = v.User,
                ["Value"] = Shown(p.Name, v, decrypt),
                ["Version"] = v.Version,
                ["Labels"] = new JsonArray(),
                ["Tier"] = v.Tier,
                ["Policies"] = new JsonArray(),
                ["DataType"] = v.DataType,
            };
            if (v.Description is not null) h["Description"] = v.Description;
            if (v.KeyId is not null) h["KeyId"] = v.KeyId;
            if (v.AllowedPattern is not null) h["AllowedPattern"] = v.AllowedPattern;
            return (JsonNode)h;
        }).ToArray();
        var result = new JsonObject { ["Parameters"] = new JsonArray(page) };
        if (offset + max < p.Versions.Count) result["NextToken"] = Json.Token(offset + max, scope);
        return result;
    }

    // "name" or "name:3" (a version); "name:label" would select by label, which the fake does not model.
    private (StoredParameter, StoredVersion) Select(string nameWithSelector)
    {
        var (name, selector) = Split(nameWithSelector);
        if (!_parameters.TryGetValue(name, out var p)) throw NotFound(nameWithSelector);
        if (selector is null) return (p, p.Latest);
        if (!long.TryParse(selector, out var n)) throw NoLabels();
        var v = p.Versions.FirstOrDefault(x => x.Version == n)
            ?? throw new AwsFakeException("ParameterVersionNotFound", $"Systems Manager could not find version {selector} of {name}. Verify the version and try again.");
        return (p, v);
    }

    private static (string Name, string? Selector) Split(string nameWithSelector)
    {
        var i = nameWithSelector.LastIndexOf(':');
        return i > 0 ? (nameWithSelector[..i], nameWithSelector[(i + 1)..]) : (nameWithSelector, null);
    }

    private static string? Selector(string nameWithSelector) => Split(nameWithSelector).Selector is { } s ? ":" + s : null;

    private JsonObject ToParameter(StoredParameter p, StoredVersion v, bool decrypt, string region, string? selector)
    {
        var o = new JsonObject
        {
            ["Name"] = p.Name,
            ["Type"] = v.Type,
            ["Value"] = Shown(p.Name, v, decrypt),
            ["Version"] = v.Version,
            ["LastModifiedDate"] = Json.Epoch(v.Modified),
            ["ARN"] = $"arn:aws:ssm:{region}:{server.AccountId}:parameter{(p.Name.StartsWith('/') ? "" : "/")}{p.Name}",
            ["DataType"] = v.DataType,
        };
        if (selector is not null) o["Selector"] = selector;
        return o;
    }

    // Without decryption SSM returns the KMS ciphertext (base64, starting "AQICAH"); the fake returns text of that look.
    private static string Shown(string name, StoredVersion v, bool decrypt)
    {
        if (v.Type != "SecureString" || decrypt) return v.Value;
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{name}|{v.Version}|{v.Value}"));
        return "AQICAH" + Convert.ToBase64String([.. digest, .. digest, .. digest]);
    }

    private static void CheckName(string name)
    {
        if (!NamePattern().IsMatch(name) || (name.Contains('/') && !name.StartsWith('/')) || name.Contains("//"))
            throw new AwsFakeException("ValidationException", "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol \"/\". Valid example: /get/parameters2-/by1./path0_.");
        var firstSegment = name.TrimStart('/');
        if (firstSegment.StartsWith("aws", StringComparison.OrdinalIgnoreCase) || firstSegment.StartsWith("ssm", StringComparison.OrdinalIgnoreCase))
            throw new AwsFakeException("ValidationException", "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).");
        if (name.Count(c => c == '/') > 15)
            throw new AwsFakeException("HierarchyLevelLimitExceededException", "A hierarchy can have a maximum of 15 levels.");
        if (name.Length > 1011)
            throw new AwsFakeException("ValidationException", "Parameter name must be at most 1011 characters.");
    }

    private static AwsFakeException NotFound(string name) => new("ParameterNotFound", $"Parameter {name} not found.");

    private static AwsFakeException NoLabels() =>
        new("UnsupportedByFake", "The fake does not model parameter labels (LabelParameterVersion is not implemented)");

    [GeneratedRegex(@"^[a-zA-Z0-9_.\-/]+$")]
    private static partial Regex NamePattern();
}
