namespace Autri.AwsFake.Model;

/// <summary>
/// AWS models carry Java regexes, and AWS matches them against the whole value (Java's
/// <c>Pattern.matches</c>). .NET differs where it matters here: Java's <c>\w</c>, <c>\d</c>, <c>\s</c>
/// are ASCII-only by default while .NET's are Unicode, so those are rewritten to ASCII classes.
/// Patterns .NET cannot compile are reported, not guessed at.
/// </summary>
public static class JavaPattern
{
    public static Regex? TryCompile(string javaPattern, out string? error)
    {
        try
        {
            error = null;
            var translated = Translate(javaPattern);
            return new Regex(@"\A(?:" + translated + @")\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }
    }

    public static string Translate(string p)
    {
        var sb = new StringBuilder(p.Length + 16);
        var inClass = false;
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            if (c == '\\' && i + 1 < p.Length)
            {
                var n = p[i + 1];
                var ascii = n switch
                {
                    'w' => "a-zA-Z0-9_",
                    'd' => "0-9",
                    's' => @" \t\n\x0B\f\r",
                    _ => null,
                };
                if (ascii is not null)
                {
                    sb.Append(inClass ? ascii : "[" + ascii + "]");
                }
                else
                {
                    sb.Append(c).Append(n);
                }
                i++;
                continue;
            }
            if (c == '[' && !inClass) inClass = true;
            else if (c == ']' && inClass) inClass = false;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
