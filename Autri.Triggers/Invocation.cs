namespace Autri.Triggers;

/// <summary>What both trigger functions do around their own logic.</summary>
internal static class Invocation
{
    public static async Task<byte[]> ReadAsync(Stream input, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    /// <summary>The failure in one phrase for the trigger_failed line (the exception's type and message follow it there).</summary>
    public static string Describe(Exception ex, CancellationTokenSource budget, TimeSpan limit) => ex switch
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
