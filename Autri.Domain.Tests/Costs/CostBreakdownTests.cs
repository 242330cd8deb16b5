namespace Autri.Domain.Tests.Costs;

public class CostBreakdownTests
{
    private static readonly DateOnly Today = new(2025, 3, 4);
    private static readonly IReadOnlyList<UsageGrouping> ByBucketThenService = [UsageGrouping.ByCostBucket, UsageGrouping.ByService];

    private static UsageInterval Day(string start, bool estimated, params (string Bucket, string Service, string Amount)[] groups)
    {
        var end = DateRange.Wire(DateRange.ParseWire(start).AddDays(1));
        return new UsageInterval(start, end, estimated, groups.Select(g => new UsageGroup([g.Bucket, g.Service], g.Amount, "USD")).ToList());
    }

    [Fact]
    public void Month_to_date_is_summed_per_bucket_and_per_service_and_earlier_days_only_feed_the_trend()
    {
        var view = CostBreakdown.From(ByBucketThenService,
        [
            Day("2025-02-28", false, ("cost-bucket$compute", "AWS Lambda", "100")),
            Day("2025-03-01", false, ("cost-bucket$compute", "Amazon Elastic Container Service", "2.50"), ("cost-bucket$data", "Amazon Relational Database Service", "1.25")),
            Day("2025-03-02", false, ("cost-bucket$compute", "Amazon Elastic Container Service", "2.50"), ("cost-bucket$portal", "Elastic Load Balancing", "0.75")),
            Day("2025-03-03", true, ("cost-bucket$data", "Amazon Relational Database Service", "1.25")),
        ], Today);

        Assert.Equal([("compute", 5.00m), ("data", 2.50m), ("portal", 0.75m), ("Untagged", 0m)], view.ByBucket.Select(r => (r.Label, r.Amount.Amount)));
        Assert.Equal([("Amazon Elastic Container Service", 5.00m), ("Amazon Relational Database Service", 2.50m), ("Elastic Load Balancing", 0.75m)],
            view.ByService.Select(r => (r.Label, r.Amount.Amount)));
        Assert.Equal(new Money(8.25m, "USD"), view.MonthToDateTotal);
        Assert.Equal(4, view.Daily.Count);
        Assert.Equal(100m, view.Daily[0].Total.Amount);
    }

    [Fact]
    public void Untagged_spend_is_its_own_row_last_and_flagged()
    {
        var view = CostBreakdown.From(ByBucketThenService,
        [
            Day("2025-03-01", false, ("cost-bucket$", "Amazon Simple Storage Service", "1.2345678901"), ("cost-bucket$compute", "AWS Lambda", "45.6789012345")),
        ], Today);

        var untagged = Assert.IsType<CostRow>(view.Untagged);
        Assert.True(untagged.IsUntagged);
        Assert.Equal("Untagged", untagged.Label);
        Assert.Equal(1.2345678901m, untagged.Amount.Amount);
        Assert.Same(untagged, view.ByBucket[^1]);
        Assert.True(view.HasUntaggedSpend);
        Assert.False(view.AllUntagged);
    }

    [Fact]
    public void When_every_cost_is_untagged_the_view_says_so()
    {
        var view = CostBreakdown.From(ByBucketThenService, [Day("2025-03-01", false, ("cost-bucket$", "AWS Lambda", "3"))], Today);

        Assert.True(view.AllUntagged);
    }

    [Fact]
    public void No_untagged_spend_still_shows_the_untagged_row_at_zero_without_a_warning()
    {
        var view = CostBreakdown.From(ByBucketThenService, [Day("2025-03-01", false, ("cost-bucket$portal", "AWS Lambda", "3"))], Today);

        Assert.Equal(0m, view.Untagged!.Amount.Amount);
        Assert.False(view.HasUntaggedSpend);
    }

    [Fact]
    public void Estimated_days_mark_the_rows_and_days_they_contribute_to()
    {
        var view = CostBreakdown.From(ByBucketThenService,
        [
            Day("2025-03-02", false, ("cost-bucket$data", "Amazon Relational Database Service", "1")),
            Day("2025-03-03", true, ("cost-bucket$compute", "AWS Lambda", "1")),
        ], Today);

        Assert.True(view.MonthToDateEstimated);
        Assert.True(view.ByBucket.Single(r => r.Label == "compute").Estimated);
        Assert.False(view.ByBucket.Single(r => r.Label == "data").Estimated);
        Assert.True(view.ByService.Single(r => r.Label == "AWS Lambda").Estimated);
        Assert.Equal([false, true], view.Daily.Select(d => d.Estimated));
    }

    [Fact]
    public void Days_repeated_across_pages_are_merged()
    {
        var view = CostBreakdown.From(ByBucketThenService,
        [
            Day("2025-03-01", false, ("cost-bucket$data", "Amazon Relational Database Service", "1")),
            Day("2025-03-01", false, ("cost-bucket$network", "Amazon Virtual Private Cloud", "2")),
        ], Today);

        var day = Assert.Single(view.Daily);
        Assert.Equal(["network", "data"], day.Buckets.Select(b => b.Bucket.Label));
        Assert.Equal(3m, day.Total.Amount);
    }

    [Fact]
    public void Daily_buckets_follow_the_stack_order_then_other_values_then_untagged()
    {
        var view = CostBreakdown.From(ByBucketThenService,
        [
            Day("2025-03-01", false, ("cost-bucket$", "S3", "1"), ("cost-bucket$zeta", "S3", "1"), ("cost-bucket$monitoring", "CloudWatch", "1"),
                ("cost-bucket$network", "VPC", "1"), ("cost-bucket$alpha", "S3", "1")),
        ], Today);

        Assert.Equal(["network", "monitoring", "alpha", "zeta", "Untagged"], view.Buckets.Select(b => b.Label));
        Assert.Equal(["network", "monitoring", "alpha", "zeta", "Untagged"], view.Daily[0].Buckets.Select(b => b.Bucket.Label));
    }

    [Fact]
    public void The_order_of_the_group_keys_follows_the_group_definitions()
    {
        var view = CostBreakdown.From([UsageGrouping.ByService, UsageGrouping.ByCostBucket],
            [new UsageInterval("2025-03-01", "2025-03-02", false, [new UsageGroup(["AWS Lambda", "cost-bucket$compute"], "4", "USD")])], Today);

        Assert.Equal("compute", view.ByBucket[0].Label);
        Assert.Equal("AWS Lambda", view.ByService[0].Label);
    }

    [Fact]
    public void An_answer_not_grouped_by_the_cost_bucket_tag_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CostBreakdown.From([UsageGrouping.ByService], [], Today));
    }

    [Fact]
    public void On_the_first_of_the_month_there_are_no_month_to_date_rows_but_the_trend_has_last_month()
    {
        var view = CostBreakdown.From(ByBucketThenService, [Day("2025-02-28", false, ("cost-bucket$compute", "AWS Lambda", "4"))], new DateOnly(2025, 3, 1));

        Assert.True(view.MonthToDate.IsEmpty);
        Assert.Empty(view.ByBucket);
        Assert.Empty(view.ByService);
        Assert.Null(view.MonthToDateTotal);
        Assert.Single(view.Daily);
    }

    [Fact]
    public void An_account_without_costs_has_no_rows_no_trend_and_no_invented_unit()
    {
        var view = CostBreakdown.From(ByBucketThenService, [Day("2025-03-01", false), Day("2025-03-02", false)], Today);

        Assert.Null(view.Unit);
        Assert.Empty(view.ByBucket);
        Assert.Empty(view.Daily);
        Assert.Null(view.MonthToDateTotal);
    }

    [Fact]
    public void Days_outside_the_trend_window_are_ignored()
    {
        var view = CostBreakdown.From(ByBucketThenService,
            [Day("2025-01-01", false, ("cost-bucket$data", "S3", "9")), Day("2025-03-04", true, ("cost-bucket$data", "S3", "9"))], Today);

        Assert.Empty(view.Daily);
    }

    [Fact]
    public void Several_units_in_one_answer_are_refused_rather_than_added()
    {
        var interval = new UsageInterval("2025-03-01", "2025-03-02", false,
            [new UsageGroup(["cost-bucket$data", "S3"], "1", "USD"), new UsageGroup(["cost-bucket$data", "EC2"], "1", "EUR")]);

        Assert.Throws<InvalidOperationException>(() => CostBreakdown.From(ByBucketThenService, [interval], Today));
    }

    [Fact]
    public void A_key_of_another_tag_is_refused()
    {
        Assert.Equal("data", CostBucket.FromGroupKey("cost-bucket$data").Value);
        Assert.True(CostBucket.FromGroupKey("cost-bucket$").IsUntagged);
        Assert.Throws<FormatException>(() => CostBucket.FromGroupKey("Environment$Prod"));
    }
}
