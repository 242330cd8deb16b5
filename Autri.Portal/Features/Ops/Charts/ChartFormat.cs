namespace Autri.Portal.Features.Ops.Charts;

public static class ChartFormat
{
    /// <summary>Short numbers for ticks and tooltips: 950, 1.5k, 2.25M, 0.004.</summary>
    public static string Compact(double value)
    {
        var abs = Math.Abs(value);
        return abs >= 1e9 ? (value / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + "G"
            : abs >= 1e6 ? (value / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M"
            : abs >= 1e4 ? (value / 1e3).ToString("0.##", CultureInfo.InvariantCulture) + "k"
            : abs >= 1 || abs == 0 ? value.ToString("0.##", CultureInfo.InvariantCulture)
            : value.ToString("0.####", CultureInfo.InvariantCulture);
    }

    /// <summary>An SVG coordinate: invariant, one decimal.</summary>
    public static string Px(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>A long label shortened for an axis; the full text goes in a title beside it.</summary>
    public static string Shorten(string label, int max = 24) => label.Length <= max ? label : label[..(max - 1)] + "…";
}

/// <summary>Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.</summary>
public static class ChartPalette
{
    private static readonly string[] Colors = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    public static string Color(int index) => Colors[index % Colors.Length];
}
