namespace Autri.Infra.Costs;

/// <summary>
/// One cached view: its name and the parameters of the AWS requests behind it. The key is the name plus a hash of
/// the parameters, so a new day (new periods) is a new entry and yesterday's answer is never served for today.
/// </summary>
public sealed record CacheKey(string View, string Key, string ParametersJson)
{
    public static CacheKey For(string view, object parameters)
    {
        var json = JsonSerializer.Serialize(parameters);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(view + "\n" + json)))[..32];
        return new CacheKey(view, $"{view}:{hash}", json);
    }

    /// <summary>The pg_advisory_lock id that serializes fetches of this key across portal instances.</summary>
    public long LockId => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("autri-cost-cache\n" + Key)), 0);
}
