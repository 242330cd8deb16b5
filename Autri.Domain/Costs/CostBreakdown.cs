namespace Autri.Domain.Costs;

/// <summary>A row of a month-to-date table; <see cref="Estimated"/> when any day behind it is still an estimate.</summary>
public sealed record CostRow(string Label, Money Amount, bool Estimated, bool IsUntagged = false);

/// <summary>One bucket's share of one day.</summary>
public sealed record BucketAmount(CostBucket Bucket, Money Amount);

/// <summary>One day of the trend: its buckets in chart order (only those with costs), and whether AWS marked it estimated.</summary>
public sealed record DailyCost(DateOnly Day, bool Estimated, IReadOnlyList<BucketAmount> Buckets, Money Total);

/// <summary>
/// The Costs page's view of one GetCostAndUsage answer (DAILY, grouped by the cost-bucket tag and by service, over
/// the trend window that covers the month to date): month to date per bucket and per service, and the daily trend.
/// </summary>
public sealed record CostBreakdown(
    DateRange MonthToDate,
    DateRange Trend,
    string? Unit,
    IReadOnlyList<CostRow> ByBucket,
    IReadOnlyList<CostRow> ByService,
    Money? MonthToDateTotal,
    bool MonthToDateEstimated,
    IReadOnlyList<DailyCost> Daily,
    IReadOnlyList<CostBucket> Buckets)
{
    /// <summary>The untagged row (present whenever the month has data, with zero when nothing escaped tagging).</summary>
    public CostRow? Untagged => ByBucket.FirstOrDefault(r => r.IsUntagged);

    public bool HasUntaggedSpend => Untagged is { Amount.Amount: > 0m };

    /// <summary>Every month-to-date cost is untagged: most likely the tag is not activated for cost allocation.</summary>
    public bool AllUntagged => HasUntaggedSpend && ByBucket.All(r => r.IsUntagged || r.Amount.Amount == 0m);

    /// <summary>
    /// Builds the view. <paramref name="groupings"/> are the answer's GroupDefinitions (their order gives the order
    /// of each group's Keys); intervals of several pages may repeat a day with further groups and are merged.
    /// </summary>
    public static CostBreakdown From(IReadOnlyList<UsageGrouping> groupings, IReadOnlyList<UsageInterval> intervals, DateOnly today)
    {
        var bucketIndex = IndexOf(groupings, UsageGrouping.ByCostBucket);
        var serviceIndex = IndexOf(groupings, UsageGrouping.ByService);
        var monthToDate = CostPeriods.MonthToDate(today);
        var trend = CostPeriods.Trend(today);

        var lines = new List<Line>();
        var estimatedDays = new HashSet<DateOnly>();
        var daysSeen = new SortedSet<DateOnly>();
        foreach (var interval in intervals)
        {
            var day = DateRange.ParseWire(interval.Start);
            if (!trend.Contains(day)) continue;
            daysSeen.Add(day);
            if (interval.Estimated) estimatedDays.Add(day);
            foreach (var g in interval.Groups)
            {
                var bucket = CostBucket.FromGroupKey(g.Keys[bucketIndex]);
                lines.Add(new Line(day, bucket, g.Keys[serviceIndex], Money.Parse(g.Amount, g.Unit)));
            }
        }

        var units = lines.Select(l => l.Amount.Unit).Distinct().ToList();
        if (units.Count > 1) throw new InvalidOperationException("Cost Explorer answered in several units: " + string.Join(", ", units));
        var unit = units.SingleOrDefault();

        var mtd = lines.Where(l => monthToDate.Contains(l.Day)).ToList();
        var mtdEstimated = daysSeen.Any(d => monthToDate.Contains(d) && estimatedDays.Contains(d));
        var buckets = lines.Select(l => l.Bucket).Distinct().OrderBy(CostBucket.Order).ThenBy(b => b.Value, StringComparer.Ordinal).ToList();

        var byBucket = new List<CostRow>();
        if (unit is not null && mtd.Count > 0)
        {
            byBucket.AddRange(mtd.Where(l => !l.Bucket.IsUntagged).GroupBy(l => l.Bucket)
                .Select(g => Row(g.Key.Label, g, unit, estimatedDays))
                .OrderByDescending(r => r.Amount.Amount).ThenBy(r => r.Label, StringComparer.Ordinal));
            // The untagged row is always shown, last, so "nothing escaped tagging" is visible too.
            byBucket.Add(Row(CostBucket.Untagged.Label, mtd.Where(l => l.Bucket.IsUntagged), unit, estimatedDays) with { IsUntagged = true });
        }

        var byService = unit is null ? [] : mtd.GroupBy(l => l.Service)
            .Select(g => Row(g.Key, g, unit, estimatedDays))
            .OrderByDescending(r => r.Amount.Amount).ThenBy(r => r.Label, StringComparer.Ordinal)
            .ToList();

        // Without a single amount there is no unit either: no trend to draw rather than invented zeros.
        var daily = unit is null ? [] : daysSeen.Select(day =>
        {
            var ofDay = lines.Where(l => l.Day == day).ToList();
            var amounts = ofDay.GroupBy(l => l.Bucket)
                .Select(g => new BucketAmount(g.Key, Sum(g, unit)))
                .OrderBy(b => CostBucket.Order(b.Bucket)).ThenBy(b => b.Bucket.Value, StringComparer.Ordinal)
                .ToList();
            return new DailyCost(day, estimatedDays.Contains(day), amounts, Sum(ofDay, unit));
        }).ToList();

        return new CostBreakdown(monthToDate, trend, unit, byBucket, byService,
            unit is null || mtd.Count == 0 ? null : Sum(mtd, unit), mtdEstimated, daily, buckets);
    }

    private static CostRow Row(string label, IEnumerable<Line> lines, string unit, HashSet<DateOnly> estimatedDays)
    {
        var list = lines.ToList();
        return new CostRow(label, Sum(list, unit), list.Any(l => estimatedDays.Contains(l.Day)));
    }

    private static Money Sum(IEnumerable<Line> lines, string unit) =>
        lines.Aggregate(Money.Zero(unit), (sum, l) => sum.Plus(l.Amount));

    private static int IndexOf(IReadOnlyList<UsageGrouping> groupings, UsageGrouping wanted)
    {
        for (var i = 0; i < groupings.Count; i++)
            if (string.Equals(groupings[i].Type, wanted.Type, StringComparison.Ordinal) && string.Equals(groupings[i].Key, wanted.Key, StringComparison.Ordinal))
                return i;
        throw new ArgumentException($"The answer is not grouped by {wanted.Type} {wanted.Key}", nameof(groupings));
    }

    private sealed record Line(DateOnly Day, CostBucket Bucket, string Service, Money Amount);
}
