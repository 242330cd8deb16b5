namespace Autri.Portal.Features.Ops.Charts;

/// <summary>
/// A value axis with round tick values (1, 2, 2.5 or 5 times a power of ten) covering [min, max]; always
/// includes zero so bars and areas start from it.
/// </summary>
public sealed record NiceScale(double Min, double Max, double Step)
{
    public static NiceScale For(double min, double max, int maxTicks = 5)
    {
        min = Math.Min(0, min);
        max = Math.Max(0, max);
        if (!double.IsFinite(min) || !double.IsFinite(max)) (min, max) = (0, 1);
        if (max - min < 1e-12) max = min + 1;
        var step = NiceStep((max - min) / Math.Max(1, maxTicks - 1));
        return new NiceScale(Math.Floor(min / step) * step, Math.Ceiling(max / step) * step, step);
    }

    public IReadOnlyList<double> Ticks
    {
        get
        {
            var ticks = new List<double>();
            var count = (int)Math.Round((Max - Min) / Step);
            for (var i = 0; i <= count; i++) ticks.Add(Math.Round(Min + i * Step, 10));
            return ticks;
        }
    }

    /// <summary>Maps a value to a pixel coordinate between <paramref name="from"/> (at Min) and <paramref name="to"/> (at Max).</summary>
    public double Map(double value, double from, double to) => from + (value - Min) / (Max - Min) * (to - from);

    private static double NiceStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
