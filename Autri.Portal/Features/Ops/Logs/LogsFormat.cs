namespace Autri.Portal.Features.Ops.Logs;

/// <summary>How the Logs pages write figures: invariant culture, UTC.</summary>
public static class LogsFormat
{
    public static string Count(double n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Bytes(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }
        return bytes.ToString(unit == 0 ? "0" : "0.##", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>Dollars with enough decimals to show a tiny scan's cost (a few MiB cost a few millionths).</summary>
    public static string Cost(decimal dollars) =>
        dollars == 0 ? "$0" : dollars >= 0.01m ? dollars.ToString("$0.00", CultureInfo.InvariantCulture) : dollars.ToString("$0.00######", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
