namespace Autri.Portal.Features.Ops.Costs;

/// <summary>How the Costs page writes days, times and axis amounts: invariant, UTC (Cost Explorer's days are UTC).</summary>
public static class Format
{
    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string ShortDay(DateOnly day) => day.ToString("d MMM", CultureInfo.InvariantCulture);

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>Axis amounts with the decimals the step needs: 0, 0.25, 0.5 … or 0, 20, 40 …</summary>
    public static string Tick(decimal amount, decimal step) =>
        amount == 0m ? "0" : amount.ToString(step < 0.1m ? "0.00" : step < 1m ? "0.0#" : "#,0.##", CultureInfo.InvariantCulture);
}
