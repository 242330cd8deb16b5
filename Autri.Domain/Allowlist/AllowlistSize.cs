namespace Autri.Domain.Allowlist;

/// <summary>
/// How much of Parameter Store's standard-tier value limit (4 KB) the stored list uses. Counted in UTF-8 bytes
/// of the StringList value, the stricter reading of "4 KB" (valid emails are ASCII, so bytes equal characters).
/// </summary>
public sealed record AllowlistSize(int Bytes)
{
    public const int Limit = 4096;

    /// <summary>From 80 % on, the page warns that the list is nearing the limit.</summary>
    public const int WarningPercent = 80;

    public static AllowlistSize Of(BetaAllowlist list) => new(Encoding.UTF8.GetByteCount(list.ToParameterValue()));

    public int Percent => (int)Math.Floor(Bytes * 100.0 / Limit);

    public int Remaining => Limit - Bytes;

    public bool IsOver => Bytes > Limit;

    public bool IsNearLimit => Bytes * 100 >= Limit * WarningPercent;
}
