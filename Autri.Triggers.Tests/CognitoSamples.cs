namespace Autri.Triggers.Tests;

/// <summary>AWS's own Cognito trigger events, from ../shared/aws-samples/cognito.</summary>
public static class CognitoSamples
{
    /// <summary>The event in <paramref name="file"/>, with values substituted (each must occur in it).</summary>
    public static byte[] Read(string file, params (string From, string To)[] substitutions)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.AwsSamples, "cognito", file));
        foreach (var (from, to) in substitutions)
        {
            Assert.Contains(from, text);
            text = text.Replace(from, to, StringComparison.Ordinal);
        }
        return Encoding.UTF8.GetBytes(text);
    }
}
