namespace Autri.AwsFake.Services;

/// <summary>
/// Cognito user pools: app clients per pool (create/describe/delete), seeded users, and resource servers kept as
/// their scope names. Unknown pools answer ResourceNotFoundException; custom scopes must exist on a resource server
/// (ScopeDoesNotExistException); client_credentials needs a client secret (InvalidOAuthFlowException);
/// a pool holds at most <see cref="MaxClientsPerPool"/> clients (LimitExceededException).
/// </summary>
public sealed class CognitoFake(ServiceModel model) : IFakeService
{
    private static readonly HashSet<string> StandardScopes = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"];
    private static readonly HashSet<string> SettableClientMembers =
    [
        "ClientName", "RefreshTokenValidity", "AccessTokenValidity", "IdTokenValidity", "TokenValidityUnits", "ReadAttributes",
        "WriteAttributes", "ExplicitAuthFlows", "SupportedIdentityProviders", "CallbackURLs", "LogoutURLs", "DefaultRedirectURI",
        "AllowedOAuthFlows", "AllowedOAuthScopes", "AllowedOAuthFlowsUserPoolClient", "AnalyticsConfiguration",
        "PreventUserExistenceErrors", "EnableTokenRevocation", "EnablePropagateAdditionalUserContextData", "AuthSessionValidity",
        "RefreshTokenRotation",
    ];

    private readonly object _gate = new();
    private readonly Dictionary<string, Pool> _pools = [];

    public ServiceModel Model { get; } = model;

    /// <summary>AWS's default quota is 1,000 app clients per pool; tests lower it to reach LimitExceededException.</summary>
    public int MaxClientsPerPool { get; set; } = 1000;

    public void AddUserPool(string userPoolId)
    {
        lock (_gate) _pools.TryAdd(userPoolId, new Pool());
    }

    public void AddResourceServer(string userPoolId, string identifier, params string[] scopes)
    {
        lock (_gate) PoolOf(userPoolId).ResourceServers[identifier] = [.. scopes];
    }

    public void AddUser(string userPoolId, string username, IReadOnlyDictionary<string, string>? attributes = null, string status = "CONFIRMED", bool enabled = true)
    {
        lock (_gate) PoolOf(userPoolId).Users[username] = new User(username, attributes ?? new Dictionary<string, string>(), status, enabled, DateTimeOffset.UtcNow, []);
    }

    /// <summary>A group in the pool (as CreateGroup would make it), before users are put in it.</summary>
    public void AddGroup(string userPoolId, string groupName, int? precedence = null)
    {
        lock (_gate) PoolOf(userPoolId).Groups[groupName] = new Group(groupName, precedence, DateTimeOffset.UtcNow);
    }

    /// <summary>As AdminAddUserToGroup: the user and the group must exist.</summary>
    public void AddUserToGroup(string userPoolId, string username, string groupName)
    {
        lock (_gate)
        {
            var pool = PoolOf(userPoolId);
            if (!pool.Groups.ContainsKey(groupName)) throw new InvalidOperationException($"Call AddGroup(\"{userPoolId}\", \"{groupName}\") first.");
            UserIn(pool, username).Groups.Add(groupName);
        }
    }

    /// <summary>As AdminRemoveUserFromGroup.</summary>
    public void RemoveUserFromGroup(string userPoolId, string username, string groupName)
    {
        lock (_gate) UserIn(PoolOf(userPoolId), username).Groups.Remove(groupName);
    }

    /// <summary>As AdminDisableUser (false) and AdminEnableUser (true).</summary>
    public void SetUserEnabled(string userPoolId, string username, bool enabled)
    {
        lock (_gate)
        {
            var pool = PoolOf(userPoolId);
            pool.Users[username] = UserIn(pool, username) with { Enabled = enabled };
        }
    }

    public bool HasUser(string userPoolId, string username)
    {
        lock (_gate) return _pools.TryGetValue(userPoolId, out var p) && p.Users.ContainsKey(username);
    }

    /// <summary>The stored app client (as DescribeUserPoolClient would return it), or null.</summary>
    public JsonObject? Client(string userPoolId, string clientId)
    {
        lock (_gate) return _pools.TryGetValue(userPoolId, out var p) && p.Clients.TryGetValue(clientId, out var c) ? (JsonObject)c.DeepClone() : null;
    }

    public int ClientCount(string userPoolId)
    {
        lock (_gate) return _pools.TryGetValue(userPoolId, out var p) ? p.Clients.Count : 0;
    }

    public JsonNode? Handle(FakeRequest r)
    {
        lock (_gate)
        {
            var pool = _pools.GetValueOrDefault(r.Body.Str("UserPoolId")!)
                ?? throw new AwsFakeException("ResourceNotFoundException", $"User pool {r.Body.Str("UserPoolId")} does not exist.");
            return r.Operation switch
            {
                "CreateUserPoolClient" => Create(pool, r),
                "DescribeUserPoolClient" => new JsonObject { ["UserPoolClient"] = ClientOf(pool, r).DeepClone() },
                "DeleteUserPoolClient" => Delete(pool, r),
                "AdminGetUser" => AdminGetUser(pool, r),
                "AdminDeleteUser" => AdminDeleteUser(pool, r),
                "AdminListGroupsForUser" => AdminListGroupsForUser(pool, r),
                _ => throw new AwsFakeException("UnsupportedByFake", $"The fake does not implement {r.Operation}"),
            };
        }
    }

    private JsonNode Create(Pool pool, FakeRequest r)
    {
        if (pool.Clients.Count >= MaxClientsPerPool)
            throw new AwsFakeException("LimitExceededException", "The user pool has reached its limit of app clients.");
        var b = r.Body;
        var client = new JsonObject
        {
            ["UserPoolId"] = b.Str("UserPoolId"),
            ["ClientId"] = RandomId(26),
            ["CreationDate"] = Json.Epoch(r.Now),
            ["LastModifiedDate"] = Json.Epoch(r.Now),
        };
        if (b.Bool("GenerateSecret")) client["ClientSecret"] = b.Str("ClientSecret") ?? RandomId(51);
        else if (b.Str("ClientSecret") is { } given) client["ClientSecret"] = given;
        ApplySettings(pool, client, b);
        pool.Clients[client["ClientId"]!.GetValue<string>()] = client;
        return new JsonObject { ["UserPoolClient"] = client.DeepClone() };
    }

    private void ApplySettings(Pool pool, JsonObject client, JsonElement b)
    {
        var flows = b.Strings("AllowedOAuthFlows");
        if (flows.Contains("client_credentials"))
        {
            if (client["ClientSecret"] is null)
                throw new AwsFakeException("InvalidOAuthFlowException", "client_credentials flow can not be selected if client does not have a client secret.");
            if (flows.Count > 1)
                throw new AwsFakeException("InvalidOAuthFlowException", "client_credentials flow can not be selected along with code flow or implicit flow.");
        }
        if (flows.Count > 0 && !b.Bool("AllowedOAuthFlowsUserPoolClient"))
            throw new AwsFakeException("InvalidOAuthFlowException", "AllowedOAuthFlowsUserPoolClient must be true to use OAuth flows.");
        foreach (var scope in b.Strings("AllowedOAuthScopes"))
        {
            if (StandardScopes.Contains(scope)) continue;
            var slash = scope.LastIndexOf('/');
            var known = slash > 0 && pool.ResourceServers.TryGetValue(scope[..slash], out var scopes) && scopes.Contains(scope[(slash + 1)..]);
            if (!known) throw new AwsFakeException("ScopeDoesNotExistException", $"Invalid scope requested: {scope}");
        }
        CheckValidity(b, "AccessTokenValidity", "AccessToken", "hours", TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));
        CheckValidity(b, "IdTokenValidity", "IdToken", "hours", TimeSpan.FromMinutes(5), TimeSpan.FromDays(1));
        CheckValidity(b, "RefreshTokenValidity", "RefreshToken", "days", TimeSpan.FromMinutes(60), TimeSpan.FromDays(3650));
        foreach (var p in b.EnumerateObject())
            if (SettableClientMembers.Contains(p.Name)) client[p.Name] = JsonNode.Parse(p.Value.GetRawText());
    }

    private static void CheckValidity(JsonElement b, string member, string unitMember, string defaultUnit, TimeSpan min, TimeSpan max)
    {
        if (b.Long(member) is not { } amount) return;
        var unit = b.TryGetProperty("TokenValidityUnits", out var units) ? units.Str(unitMember) ?? defaultUnit : defaultUnit;
        var span = unit switch
        {
            "seconds" => TimeSpan.FromSeconds(amount),
            "minutes" => TimeSpan.FromMinutes(amount),
            "hours" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
        if (span < min || span > max)
            throw new AwsFakeException("InvalidParameterException", $"Invalid range for token validity: {member} must be between {min} and {max}.");
    }

    private static JsonNode? Delete(Pool pool, FakeRequest r)
    {
        ClientOf(pool, r);
        pool.Clients.Remove(r.Body.Str("ClientId")!);
        return null;
    }

    private static JsonNode AdminGetUser(Pool pool, FakeRequest r)
    {
        var u = UserOf(pool, r);
        return new JsonObject
        {
            ["Username"] = u.Username,
            ["UserAttributes"] = new JsonArray(u.Attributes.Select(a => (JsonNode)new JsonObject { ["Name"] = a.Key, ["Value"] = a.Value }).ToArray()),
            ["UserCreateDate"] = Json.Epoch(u.Created),
            ["UserLastModifiedDate"] = Json.Epoch(u.Created),
            ["Enabled"] = u.Enabled,
            ["UserStatus"] = u.Status,
        };
    }

    /// <summary>Groups in name order, <c>Limit</c> a page (AWS's default and maximum, 60, when absent or 0), <c>NextToken</c> opaque.</summary>
    private static JsonNode AdminListGroupsForUser(Pool pool, FakeRequest r)
    {
        var user = UserOf(pool, r);
        var limit = r.Body.Long("Limit") is { } l and > 0 ? (int)l : 60;
        var start = 0;
        if (r.Body.Str("NextToken") is { } token && (!int.TryParse(token.StartsWith("groups:", StringComparison.Ordinal) ? token[7..] : "", out start) || start < 0))
            throw new AwsFakeException("InvalidParameterException", "Invalid NextToken.");
        var names = user.Groups.Order(StringComparer.Ordinal).ToList();
        var page = names.Skip(start).Take(limit).Select(name =>
        {
            var g = pool.Groups[name];
            var node = new JsonObject
            {
                ["GroupName"] = g.Name,
                ["UserPoolId"] = r.Body.Str("UserPoolId"),
                ["LastModifiedDate"] = Json.Epoch(g.Created),
                ["CreationDate"] = Json.Epoch(g.Created),
            };
            if (g.Precedence is { } p) node["Precedence"] = p;
            return (JsonNode)node;
        }).ToArray();
        var result = new JsonObject { ["Groups"] = new JsonArray(page) };
        if (start + limit < names.Count) result["NextToken"] = "groups:" + (start + limit);
        return result;
    }

    private static JsonNode? AdminDeleteUser(Pool pool, FakeRequest r)
    {
        pool.Users.Remove(UserOf(pool, r).Username);
        return null;
    }

    private static User UserOf(Pool pool, FakeRequest r) =>
        pool.Users.GetValueOrDefault(r.Body.Str("Username")!) ?? throw new AwsFakeException("UserNotFoundException", "User does not exist.");

    private static JsonObject ClientOf(Pool pool, FakeRequest r) =>
        pool.Clients.GetValueOrDefault(r.Body.Str("ClientId")!)
        ?? throw new AwsFakeException("ResourceNotFoundException", $"User pool client {r.Body.Str("ClientId")} does not exist.");

    private static User UserIn(Pool pool, string username) =>
        pool.Users.GetValueOrDefault(username) ?? throw new InvalidOperationException($"Call AddUser(…, \"{username}\") first.");

    private Pool PoolOf(string id) =>
        _pools.GetValueOrDefault(id) ?? throw new InvalidOperationException($"Call AddUserPool(\"{id}\") first.");

    private static string RandomId(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        });
    }

    private sealed class Pool
    {
        public Dictionary<string, JsonObject> Clients { get; } = [];
        public Dictionary<string, User> Users { get; } = [];
        public Dictionary<string, Group> Groups { get; } = [];
        /// <summary>Resource server identifier → its scope names.</summary>
        public Dictionary<string, HashSet<string>> ResourceServers { get; } = [];
    }

    private sealed record User(string Username, IReadOnlyDictionary<string, string> Attributes, string Status, bool Enabled, DateTimeOffset Created, HashSet<string> Groups);

    private sealed record Group(string Name, int? Precedence, DateTimeOffset Created);
}
