namespace Autri.Infra.Logs.Runner;

/// <summary>
/// What a run would scan and cost, before it is started: Logs Insights reads every event of the log groups in the
/// window whatever the query (unless the query uses field indexes), so the bytes per hour that recent finished runs
/// over the same log groups scanned, times the hours asked for, says what this one will. <see cref="Runs"/> is how
/// many runs that rests on; none means no estimate yet.
/// </summary>
public sealed record ScanEstimate(double Bytes, decimal Cost, int Runs, TimeSpan Lookback)
{
    public bool Known => Runs > 0;

    /// <param name="scannedBytes">Bytes the recent runs scanned, together.</param>
    /// <param name="scannedRange">The time ranges those runs covered, together.</param>
    public static ScanEstimate From(double scannedBytes, TimeSpan scannedRange, int runs, TimeSpan asked, decimal pricePerGb, TimeSpan lookback)
    {
        if (runs == 0 || scannedRange <= TimeSpan.Zero) return new ScanEstimate(0, 0, 0, lookback);
        var bytes = scannedBytes / scannedRange.TotalSeconds * asked.TotalSeconds;
        return new ScanEstimate(bytes, ScanCost.Estimate(bytes, pricePerGb), runs, lookback);
    }
}
