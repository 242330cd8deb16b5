namespace Autri.Triggers.Tests;

/// <summary>What the managed dotnet runtime does with a Stream-in, Stream-out handler.</summary>
public static class LambdaRuntime
{
    /// <summary>Calls the handler with the event bytes as a stream and reads the returned stream to the end.</summary>
    public static async Task<byte[]> InvokeAsync(Func<Stream, Task<Stream>> handler, byte[] input)
    {
        await using var output = await handler(new MemoryStream(input));
        using var copy = new MemoryStream();
        await output.CopyToAsync(copy);
        return copy.ToArray();
    }
}
