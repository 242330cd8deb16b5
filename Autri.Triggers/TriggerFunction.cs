namespace Autri.Triggers;

/// <summary>What both trigger functions do around their own logic: one Lambda entry over the container's host.</summary>
public abstract class TriggerFunction
{
    private protected TriggerFunction(TriggerHost host, string logCategory)
    {
        Host = host;
        Log = host.Log.CreateLogger(logCategory);
    }

    private protected TriggerHost Host { get; }

    private protected ILogger Log { get; }

    /// <summary>
    /// One invocation within the host's budget. The function's settings are checked before anything else, so a gap
    /// fails every invocation, not only the rare path. A <typeparamref name="TDecision"/> (a refusal Cognito shows as
    /// it is) passes through; any other failure is logged with the reason in one phrase and surfaces as
    /// <see cref="TriggerFailedException"/> with the message the person sees.
    /// </summary>
    private protected async Task<Stream> RunAsync<TDecision>(string trigger, string[] requires, string failureMessage,
        Stream input, Func<byte[], CancellationToken, Task<Stream>> handle, Action<Exception, string> logFailure)
        where TDecision : Exception
    {
        using var budget = new CancellationTokenSource(Host.Budget);
        try
        {
            Host.Settings.Require(requires);
            var json = await ReadAsync(input, budget.Token);
            return await handle(json, budget.Token);
        }
        catch (Exception ex) when (ex is not TDecision)
        {
            logFailure(ex, Describe(ex, budget, Host.Budget));
            throw new TriggerFailedException(trigger, failureMessage, ex);
        }
    }

    private static async Task<byte[]> ReadAsync(Stream input, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    /// <summary>The failure in one phrase for the trigger_failed line (the exception's type and message follow it there).</summary>
    private static string Describe(Exception ex, CancellationTokenSource budget, TimeSpan limit) => ex switch
    {
        OperationCanceledException when budget.IsCancellationRequested => $"did not finish within {limit.TotalSeconds:0.#} s",
        TriggerEventException => "the event is malformed",
        TriggerConfigurationException or Infra.Database.DatabaseSecretException => "the function is misconfigured",
        Infra.Aws.AwsServiceException aws => $"AWS {aws.Service} {aws.Operation} failed with {aws.ErrorCode}",
        Domain.Parameters.ParameterStoreException p => $"reading the allowlist parameter failed with {p.Code}",
        Npgsql.NpgsqlException => "the database call failed",
        _ => "unexpected error",
    };
}

/// <summary>
/// The trigger failed (logged as <c>trigger_failed</c> with the cause). Its message is what the person sees, so it
/// says nothing internal; the cause is the inner exception, which the Lambda runtime also reports.
/// </summary>
public sealed class TriggerFailedException(string trigger, string message, Exception inner) : Exception(message, inner)
{
    public string Trigger { get; } = trigger;
}
