using System.Text;

namespace Autri.Infra.Aws.CognitoIdp;

/// <summary>
/// Cognito app client names must match <c>[\w\s+=,.@-]+</c> (ASCII word characters, whitespace and
/// <c>+=,.@-</c>) and be 1–128 characters; parentheses, slashes, colons and non-ASCII letters are refused.
/// </summary>
public static class ClientNames
{
    public const int MaxLength = 128;

    /// <summary>Replaces every character Cognito refuses with '-', and truncates to 128 characters.</summary>
    public static string Sanitize(string name)
    {
        var sb = new StringBuilder(Math.Min(name.Length, MaxLength));
        foreach (var c in name)
        {
            if (sb.Length == MaxLength) break;
            sb.Append(IsAllowed(c) ? c : '-');
        }
        return sb.Length == 0 ? "-" : sb.ToString();
    }

    public static bool IsValid(string name) => name.Length is > 0 and <= MaxLength && name.All(IsAllowed);

    private static bool IsAllowed(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or ' ' or '\t' or '\n' or '\v' or '\f' or '\r'
            or '+' or '=' or ',' or '.' or '@' or '-';
}
