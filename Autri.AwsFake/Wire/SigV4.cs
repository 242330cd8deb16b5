namespace Autri.AwsFake.Wire;

/// <summary>The parts of an <c>Authorization: AWS4-HMAC-SHA256 …</c> header.</summary>
public sealed record SigV4Authorization(
    string AccessKeyId, string Date, string Region, string Service, IReadOnlyList<string> SignedHeaders, string Signature)
{
    public string Scope => $"{Date}/{Region}/{Service}/aws4_request";
}

/// <summary>
/// Signature Version 4 as the AWS services check it, written independently of AWSSDK.Core so the fake can
/// verify the SDK's signer (and is itself checked against AWS's aws-sig-v4-test-suite in the tests).
/// Non-S3 rules: the path is normalized and URI-encoded once more, query pairs are sorted.
/// </summary>
public static partial class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<akid>[A-Za-z0-9]{1,128})/(?<date>\d{8})/(?<region>[a-z0-9-]{1,32})/(?<service>[a-z0-9-]{1,64})/aws4_request, ?SignedHeaders=(?<signed>[a-z0-9-]+(?:;[a-z0-9-]+)*), ?Signature=(?<sig>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();

    public static SigV4Authorization? Parse(string header)
    {
        var m = AuthorizationPattern().Match(header);
        if (!m.Success) return null;
        return new SigV4Authorization(
            m.Groups["akid"].Value, m.Groups["date"].Value, m.Groups["region"].Value, m.Groups["service"].Value,
            m.Groups["signed"].Value.Split(';'), m.Groups["sig"].Value);
    }

    public static string CanonicalRequest(
        string method, string rawPath, string rawQuery, IEnumerable<KeyValuePair<string, string>> headers,
        IReadOnlyList<string> signedHeaders, string payloadHash)
    {
        var byName = headers
            .GroupBy(h => h.Key.ToLowerInvariant())
            .ToDictionary(g => g.Key, g => string.Join(",", g.Select(h => NormalizeValue(h.Value))));
        var sb = new StringBuilder();
        sb.Append(method).Append('\n');
        sb.Append(CanonicalPath(rawPath)).Append('\n');
        sb.Append(CanonicalQuery(rawQuery)).Append('\n');
        foreach (var name in signedHeaders)
            sb.Append(name).Append(':').Append(byName.GetValueOrDefault(name, "")).Append('\n');
        sb.Append('\n');
        sb.Append(string.Join(";", signedHeaders)).Append('\n');
        sb.Append(payloadHash);
        return sb.ToString();
    }

    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    public static string Signature(string secretKey, string date, string region, string service, string stringToSign)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    public static string PayloadHash(ReadOnlySpan<byte> body) => Hex(SHA256.HashData(body));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    // Header values: trimmed, folded lines joined, runs of spaces collapsed to one.
    private static string NormalizeValue(string value) =>
        Regex.Replace(value.Trim(), @"\s+", " ");

    private static string CanonicalPath(string rawPath)
    {
        if (string.IsNullOrEmpty(rawPath)) return "/";
        var segments = new List<string>();
        foreach (var s in rawPath.Split('/'))
        {
            if (s.Length == 0 || s == ".") continue;
            if (s == "..") { if (segments.Count > 0) segments.RemoveAt(segments.Count - 1); continue; }
            segments.Add(s);
        }
        var path = "/" + string.Join("/", segments.Select(s => UriEncode(s)));
        if (segments.Count > 0 && rawPath.EndsWith('/')) path += "/";
        return path;
    }

    private static string CanonicalQuery(string rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery)) return "";
        var pairs = rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p =>
            {
                var i = p.IndexOf('=');
                var k = i < 0 ? p : p[..i];
                var v = i < 0 ? "" : p[(i + 1)..];
                return (Key: UriEncode(Uri.UnescapeDataString(k)), Value: UriEncode(Uri.UnescapeDataString(v)));
            })
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join("&", pairs.Select(p => p.Key + "=" + p.Value));
    }

    /// <summary>RFC 3986 encoding of everything but unreserved characters, with upper-case hex, as SigV4 requires.</summary>
    public static string UriEncode(string s)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }
}
