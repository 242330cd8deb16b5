namespace Autri.Infra.Costs;

/// <summary>AWS's answers, as cached, into the domain's inputs: members copied across, nothing interpreted here.</summary>
public static class AwsCostMapping
{
    public static CostBreakdown ToBreakdown(UsagePayload payload, CostViews views)
    {
        var definitions = payload.Pages.Select(p => p.GroupDefinitions).FirstOrDefault(d => d is { Count: > 0 })
            ?? views.Usage().GroupBy!;
        var groupings = definitions.Select(d => new UsageGrouping(d.Type ?? "", d.Key ?? "")).ToList();
        var intervals = payload.Pages.SelectMany(p => p.ResultsByTime ?? [])
            .Select(r => new UsageInterval(
                r.TimePeriod?.Start ?? throw new FormatException("A ResultsByTime entry has no TimePeriod"),
                r.TimePeriod.End,
                r.Estimated ?? false,
                (r.Groups ?? []).Select(g =>
                {
                    var metric = g.Metrics?.GetValueOrDefault(CostViews.Metric)
                        ?? throw new FormatException($"A group has no {CostViews.Metric}");
                    return new UsageGroup(g.Keys ?? [], metric.Amount ?? "0", metric.Unit ?? throw new FormatException("An amount has no unit"));
                }).ToList()))
            .ToList();
        return CostBreakdown.From(groupings, intervals, views.Today);
    }

    public static ForecastView ToForecast(ForecastPayload payload, CostViews views)
    {
        if (payload.Response?.Total is not { Amount: { } amount, Unit: { } unit })
            return new ForecastView(null, payload.Unavailable ?? "Cost Explorer returned no forecast.");
        var intervals = (payload.Response.ForecastResultsByTime ?? [])
            .Select(f => new ForecastInterval(f.TimePeriod?.Start ?? "", f.TimePeriod?.End ?? "", f.MeanValue, f.PredictionIntervalLowerBound, f.PredictionIntervalUpperBound))
            .ToList();
        return new ForecastView(CostForecast.From(views.RestOfMonth, amount, unit, intervals), null);
    }

    public static IReadOnlyList<BudgetStatus> ToBudgets(BudgetsPayload payload, DateTimeOffset now) =>
        payload.Budgets.Select(b => BudgetRules.Evaluate(ToInput(b.Budget), b.Notifications.Select(ToInput).ToList(), now)).ToList();

    private static BudgetInput ToInput(Budget b) => new(
        b.BudgetName ?? "(unnamed)",
        b.BudgetType,
        b.TimeUnit,
        Pair(b.BudgetLimit),
        b.PlannedBudgetLimits?.ToDictionary(
            p => DateTimeOffset.FromUnixTimeSeconds((long)double.Parse(p.Key, System.Globalization.CultureInfo.InvariantCulture)),
            p => (p.Value.Amount, p.Value.Unit)),
        Pair(b.CalculatedSpend?.ActualSpend),
        Pair(b.CalculatedSpend?.ForecastedSpend),
        b.LastUpdatedTime is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null);

    private static BudgetNotificationInput ToInput(Notification n) =>
        new(n.NotificationType ?? "ACTUAL", n.ComparisonOperator ?? "GREATER_THAN", n.Threshold, n.ThresholdType ?? "PERCENTAGE", n.NotificationState);

    private static (string Amount, string Unit)? Pair(Spend? s) => s is null ? null : (s.Amount, s.Unit);
}
