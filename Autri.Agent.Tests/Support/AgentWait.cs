namespace Autri.Agent.Tests.Support;

/// <summary>
/// Waiting for something the agent, portal or service processes will do, with one generous deadline (never a timing
/// assertion): <see cref="Autri.Testing.Eventually"/> with the agent tests' deadline, a value to return, and log events.
/// </summary>
public static class AgentWait
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        T? last = default;
        while (DateTime.UtcNow < until)
        {
            last = await read();
            if (done(last)) return last;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Still waiting for {what} after {Deadline.TotalSeconds} s (last seen: {last})");
    }

    public static Task TrueAsync(Func<Task<bool>> condition, string what) => Autri.Testing.Eventually.WithinAsync(Deadline, what, condition);

    public static async Task HttpOkAsync(string url, string what)
    {
        using var http = new HttpClient();
        await TrueAsync(async () =>
        {
            try
            {
                return (await http.GetAsync(url)).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, what + " at " + url);
    }

    /// <summary>The JSON log line of an event, as the agent writes it.</summary>
    public static Func<string, bool> Event(string name) => line => line.Contains($"\"event\":\"{name}\"", StringComparison.Ordinal);
}
