namespace Autri.Portal.Features.Ops.Charts;

/// <summary>One value at one time (a bin's start, a day, a month).</summary>
public sealed record TimePoint(DateTimeOffset Time, double Value);

/// <summary>A named line (or band, when stacked) of a <see cref="TimeSeriesChart"/>.</summary>
public sealed record TimeSeries(string Name, IReadOnlyList<TimePoint> Points);

/// <summary>A named set of bars of a <see cref="BarChart"/>: one value per category, in the categories' order.</summary>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values);

public enum BarOrientation
{
    /// <summary>Bars grow rightwards; categories read down the left side (good for long labels such as ids).</summary>
    Horizontal,

    /// <summary>Columns grow upwards; categories along the bottom (good for a few short labels such as months).</summary>
    Vertical,
}
