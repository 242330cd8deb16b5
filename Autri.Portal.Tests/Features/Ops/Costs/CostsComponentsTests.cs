namespace Autri.Portal.Tests.Features.Ops.Costs;

/// <summary>The Costs page's parts rendered alone: tables, budgets, error banners and the local-mode explanation.</summary>
public class CostsComponentsTests
{
    private static readonly DateOnly Today = new(2025, 3, 4);
    private static readonly CachePolicy Policy = new(TimeSpan.FromHours(6), TimeSpan.FromMinutes(15));
    private static readonly DateTimeOffset AsOf = new(2025, 3, 4, 1, 0, 0, TimeSpan.Zero);

    private static CostBreakdown Usage(params (string Day, bool Estimated, string Bucket, string Service, string Amount)[] lines) =>
        CostBreakdown.From([UsageGrouping.ByCostBucket, UsageGrouping.ByService],
            lines.GroupBy(l => (l.Day, l.Estimated)).Select(g => new UsageInterval(g.Key.Day, DateRange.Wire(DateRange.ParseWire(g.Key.Day).AddDays(1)), g.Key.Estimated,
                g.Select(l => new UsageGroup(["cost-bucket$" + l.Bucket, l.Service], l.Amount, "USD")).ToList())).ToList(), Today);

    private static CostReport Report(CostBreakdown? usage, ForecastView? forecast = null, IReadOnlyList<BudgetStatus>? budgets = null, bool budgetsConfigured = true) => new(
        Today,
        new CostSection<CostBreakdown>(usage, usage is null ? null : AsOf, null),
        new CostSection<ForecastView>(forecast, forecast is null ? null : AsOf, null),
        budgetsConfigured ? new CostSection<IReadOnlyList<BudgetStatus>>(budgets, budgets is null ? null : AsOf, null) : null,
        AsOf.AddMinutes(15),
        Policy);

    [Fact]
    public async Task Untagged_spend_is_its_own_row_with_a_warning()
    {
        var usage = Usage(("2025-03-01", false, "compute", "AWS Lambda", "4"), ("2025-03-02", true, "", "Amazon Simple Storage Service", "1.5"));

        var doc = await Rendered.ComponentAsync<MonthToDate>(new() { ["Report"] = Report(usage) });

        var rows = doc.QuerySelectorAll("[data-testid=costs-by-bucket] tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        var untagged = rows[1];
        Assert.Equal("true", untagged.GetAttribute("data-untagged"));
        Assert.Contains("table-warning", untagged.ClassList);
        Assert.Contains("escaped tagging", untagged.TextContent);
        Assert.Contains("1.50 USD (estimated)", untagged.TextContent);
        Assert.DoesNotContain("(estimated)", rows[0].TextContent);
        Assert.Contains("a resource escaped tagging", doc.QuerySelector("[data-testid=untagged-warning]")!.TextContent);
        Assert.Contains("includes estimates", doc.QuerySelector("[data-testid=costs-summary]")!.TextContent);
        Assert.Equal("5.50 USD", doc.QuerySelector("[data-testid=costs-by-bucket] tfoot td")!.TextContent);
    }

    [Fact]
    public async Task Without_untagged_spend_the_row_reads_zero_and_no_warning_is_shown()
    {
        var doc = await Rendered.ComponentAsync<MonthToDate>(new() { ["Report"] = Report(Usage(("2025-03-01", false, "portal", "ELB", "2"))) });

        var untagged = doc.QuerySelector("[data-testid=costs-by-bucket] tr[data-untagged]")!;
        Assert.Contains("0.00 USD", untagged.TextContent);
        Assert.DoesNotContain("table-warning", untagged.ClassList);
        Assert.Null(doc.QuerySelector("[data-testid=untagged-warning]"));
    }

    [Fact]
    public async Task When_every_cost_is_untagged_the_warning_points_at_cost_allocation_tags()
    {
        var doc = await Rendered.ComponentAsync<MonthToDate>(new() { ["Report"] = Report(Usage(("2025-03-01", false, "", "ELB", "2"))) });

        Assert.Contains("not activated as a cost allocation tag", doc.QuerySelector("[data-testid=untagged-warning]")!.TextContent);
    }

    [Fact]
    public async Task Services_are_listed_and_the_forecast_gives_the_month_end_estimate()
    {
        var usage = Usage(("2025-03-01", false, "compute", "AWS Lambda", "4"), ("2025-03-01", false, "data", "Amazon RDS", "6"));
        var forecast = new ForecastView(CostForecast.From(CostPeriods.RestOfMonth(Today), "20", "USD", [new("2025-03-04", "2025-04-01", "20", "18", "23")]), null);

        var doc = await Rendered.ComponentAsync<MonthToDate>(new() { ["Report"] = Report(usage, forecast) });

        Assert.Equal(["Amazon RDS", "AWS Lambda"], doc.QuerySelectorAll("[data-testid=costs-by-service] tbody th").Select(th => th.TextContent.Trim()));
        var summary = doc.QuerySelector("[data-testid=costs-summary]")!.TextContent;
        Assert.Contains("20.00 USD", doc.QuerySelector("[data-testid=costs-forecast]")!.TextContent);
        Assert.Contains("80% interval 18.00 USD to 23.00 USD", summary);
        Assert.Contains("Month-end estimate", summary);
        Assert.Contains("30.00 USD", summary);
    }

    [Fact]
    public async Task On_the_first_of_the_month_the_page_says_no_whole_day_has_passed()
    {
        var usage = CostBreakdown.From([UsageGrouping.ByCostBucket, UsageGrouping.ByService],
            [new UsageInterval("2025-02-28", "2025-03-01", false, [new UsageGroup(["cost-bucket$data", "S3"], "1", "USD")])], new DateOnly(2025, 3, 1));

        var doc = await Rendered.ComponentAsync<MonthToDate>(new() { ["Report"] = Report(usage) with { Today = new DateOnly(2025, 3, 1) } });

        Assert.Contains("The month began today", doc.QuerySelector("[data-testid=costs-summary]")!.TextContent);
        Assert.Null(doc.QuerySelector("[data-testid=costs-by-bucket]"));
    }

    [Fact]
    public async Task Crossed_budget_thresholds_are_red_and_say_crossed()
    {
        var budget = BudgetRules.Evaluate(
            new BudgetInput("autri-prod-monthly", "COST", "MONTHLY", ("200", "USD"), null, ("120", "USD"), ("210", "USD"), null),
            [new("ACTUAL", "GREATER_THAN", 100, "ABSOLUTE_VALUE", "ALARM"), new("ACTUAL", "GREATER_THAN", 200, "ABSOLUTE_VALUE", "OK"),
             new("FORECASTED", "GREATER_THAN", 200, "ABSOLUTE_VALUE", "OK")], AsOf);

        var doc = await Rendered.ComponentAsync<Budgets>(new() { ["Report"] = Report(null, budgets: [budget]) });

        var card = doc.QuerySelector("[data-budget=autri-prod-monthly]")!;
        Assert.Contains("border-danger", card.ClassList);
        Assert.Contains("120.00 USD (60% of the limit)", card.TextContent);
        Assert.Contains("210.00 USD (105% of the limit)", card.TextContent);
        var rows = card.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(["crossed", "ok", "crossed"], rows.Select(r => r.GetAttribute("data-threshold-state")));
        Assert.All(rows.Where(r => r.GetAttribute("data-threshold-state") == "crossed"), r =>
        {
            Assert.Contains("table-danger", r.ClassList);
            Assert.Contains("crossed", r.QuerySelector(".badge")!.TextContent);
        });
        Assert.Contains("forecasted spend above", rows[2].TextContent);
        Assert.Contains("(AWS: alarm)", rows[0].TextContent);
    }

    [Fact]
    public async Task Without_an_account_id_the_budgets_section_says_which_key_to_set()
    {
        var doc = await Rendered.ComponentAsync<Budgets>(new() { ["Report"] = Report(null, budgetsConfigured: false) });

        Assert.Contains("Aws:AccountId", doc.QuerySelector("[data-testid=budgets-not-configured]")!.TextContent);
    }

    [Fact]
    public async Task A_first_ever_error_names_the_code_and_time_and_says_there_is_no_data()
    {
        var doc = await Rendered.ComponentAsync<CostErrorBanner>(new()
        {
            ["Service"] = "Cost Explorer", ["What"] = "month-to-date and daily costs", ["Policy"] = Policy,
            ["Error"] = new CacheError("AccessDeniedException", "User is not authorized to perform: ce:GetCostAndUsage", AsOf),
            ["AsOf"] = null,
        });

        var alert = doc.QuerySelector("[role=alert]")!;
        Assert.Contains("alert-danger", alert.ClassList);
        Assert.Equal("AccessDeniedException", alert.GetAttribute("data-error-code"));
        Assert.Contains("at 2025-03-04 01:00 UTC", alert.TextContent);
        Assert.Contains("No data has been fetched yet", alert.TextContent);
        Assert.Contains("budgets:ViewBudget", alert.TextContent);
        Assert.Contains("asks again after 2025-03-04 01:15 UTC", alert.TextContent);
    }

    [Fact]
    public async Task Throttling_over_good_data_says_which_data_is_shown()
    {
        var doc = await Rendered.ComponentAsync<CostErrorBanner>(new()
        {
            ["Service"] = "Cost Explorer", ["What"] = "the forecast", ["Policy"] = Policy,
            ["Error"] = new CacheError("ThrottlingException", "Rate exceeded", AsOf.AddHours(7)),
            ["AsOf"] = AsOf,
        });

        var alert = doc.QuerySelector("[role=alert]")!;
        Assert.Contains("alert-warning", alert.ClassList);
        Assert.Contains("ThrottlingException", alert.TextContent);
        Assert.Contains("Showing the last good data, as of 2025-03-04 01:00 UTC", alert.TextContent);
    }

    [Fact]
    public async Task No_error_renders_nothing()
    {
        var doc = await Rendered.ComponentAsync<CostErrorBanner>(new() { ["Service"] = "Cost Explorer", ["What"] = "x", ["Policy"] = Policy, ["Error"] = null });

        Assert.Empty(doc.Body!.Children);
    }

    [Fact]
    public async Task Local_mode_explains_how_to_connect_an_account_without_any_number()
    {
        var doc = await Rendered.ComponentAsync<LocalModeExplanation>([]);

        var text = doc.Body!.TextContent;
        Assert.Contains("No AWS account is connected", text);
        Assert.Equal(["ce:GetCostAndUsage", "ce:GetCostForecast", "budgets:ViewBudget"],
            doc.QuerySelectorAll("[data-testid=costs-required-actions] code").Select(c => c.TextContent));
        foreach (var word in new[] { "Portal__Mode=Aws", "Aws:Region", "Aws:AccountId", "ECS task role", "instance profile", "web identity", "AWS_PROFILE", "cost allocation tag" })
            Assert.Contains(word, text);
        Assert.DoesNotMatch(new Regex(@"\d+\.\d\d|\$\s?\d|USD\s?\d|\d\s?USD"), text);
    }
}
