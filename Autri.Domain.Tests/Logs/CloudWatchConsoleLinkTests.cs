namespace Autri.Domain.Tests.Logs;

public class CloudWatchConsoleLinkTests
{
    // Copied from the CloudWatch console (May 2025) into a test comment of boundless-xyz/boundless,
    // infra/pipelines/log-lambda/test/index.test.ts @ da02d86f01371dc0aa3d4978b3f67a382de7c977.
    private const string ConsoleUrl2025 =
        "https://console.aws.amazon.com/cloudwatch/home?region=us-west-2#logsV2:logs-insights$3FqueryDetail$3D~(end~'2025-05-30T05*3a00*3a00.000Z~start~'2025-05-30T04*3a00*3a00.000Z~timeType~'ABSOLUTE~tz~'LOCAL~editorString~'fields*20*40timestamp*2c*20*40message*2c*20*40logStream*2c*20*40log*0a*7c*20sort*20*40timestamp*20desc*0a*7c*20limit*2010000~queryId~'66cfc23a-37bd-44b6-b0fd-dd12d4a40cdc~source~(~'arn*3aaws*3alogs*3aus-west-2*3a632745187633*3alog-group*3aprod-11155111-bonsai-prover-11155111)~lang~'CWLI)";

    // An older console form that percent-encoded the JSURL once more: sciety/sciety README.md
    // @ 76f4f0967336cba980e5a852c63e02a2624e93e2 ("CloudWatch user journey by IP").
    private const string ConsoleUrlDoubleEncoded =
        "https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:logs-insights$3FqueryDetail$3D$257E$2528end$257E0$257Estart$257E-1800$257EtimeType$257E$2527RELATIVE$257Eunit$257E$2527seconds$257EeditorString$257E$2527fields*20*40timestamp*2c*20app_request*0a*7c*20filter*20*60kubernetes.labels.app_kubernetes_io*2finstance*60*20*3d*3d*20*27ingress-nginx*27*20and*20app_remote_addr*20*3d*3d*20*2778.105.99.80*27*20and*20app_request*20not*20like*20*2fstatic*2f*0a*7c*20filter*20app_ingress_name*20*3d*3d*20*27sciety--prod--frontend*27*0a*7c*20sort*20*40timestamp*20asc*0a*7c*20limit*20200$257EisLiveTail$257Efalse$257EqueryId$257E$2527e3086054-9d14-4384-bca5-a9c12b181c87$257Esource$257E$2528$257E$2527*2faws*2fcontainerinsights*2flibero-eks--franklin*2fapplication$2529$2529";

    [Fact]
    public void An_absolute_link_reproduces_the_fragment_the_console_wrote()
    {
        var url = CloudWatchConsoleLink.Absolute(
            "us-west-2",
            "fields @timestamp, @message, @logStream, @log\n| sort @timestamp desc\n| limit 10000",
            ["arn:aws:logs:us-west-2:632745187633:log-group:prod-11155111-bonsai-prover-11155111"],
            DateTimeOffset.Parse("2025-05-30T04:00:00Z"),
            DateTimeOffset.Parse("2025-05-30T05:00:00Z"),
            timeZone: "LOCAL",
            queryId: "66cfc23a-37bd-44b6-b0fd-dd12d4a40cdc");

        Assert.StartsWith("https://us-west-2.console.aws.amazon.com/cloudwatch/home?region=us-west-2#", url);
        Assert.Equal(ConsoleUrl2025[ConsoleUrl2025.IndexOf('#')..], url[url.IndexOf('#')..]);
    }

    [Fact]
    public void A_relative_link_counts_seconds_back_from_now_and_lists_every_group()
    {
        var url = CloudWatchConsoleLink.Relative("eu-west-1", "stats count(*) by bin(5m)", ["/autri/portal", "/autri/mcp"], TimeSpan.FromHours(1));

        Assert.Equal(
            "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:logs-insights$3FqueryDetail$3D"
            + "~(end~0~start~-3600~timeType~'RELATIVE~tz~'UTC~unit~'seconds~editorString~'stats*20count*28*2a*29*20by*20bin*285m*29"
            + "~source~(~'*2fautri*2fportal~'*2fautri*2fmcp)~lang~'CWLI)",
            url);
    }

    [Fact]
    public void Both_console_forms_read_back_to_the_same_kind_of_state()
    {
        var current = CloudWatchConsoleLink.ReadQueryDetail(ConsoleUrl2025);
        var older = CloudWatchConsoleLink.ReadQueryDetail(ConsoleUrlDoubleEncoded);

        Assert.Equal(["end", "start", "timeType", "tz", "editorString", "queryId", "source", "lang"], current.Keys);
        Assert.Equal("fields @timestamp, @message, @logStream, @log\n| sort @timestamp desc\n| limit 10000", current["editorString"]);
        Assert.Equal(-1800d, older["start"]);
        Assert.Equal(false, older["isLiveTail"]);
        Assert.Equal(["/aws/containerinsights/libero-eks--franklin/application"], Assert.IsType<List<object?>>(older["source"]));
        Assert.StartsWith("fields @timestamp, app_request\n| filter `kubernetes.labels", (string)older["editorString"]!);
    }

    [Fact]
    public void Jsurl_escapes_all_but_letters_digits_underscore_dot_and_dash()
    {
        Assert.Equal("~'a-b_c.d*20*7e*27*28*29*2a*24*e9**20ac**d83d**de00", Jsurl.Stringify("a-b_c.d ~'()*$é€😀"));
        Assert.Equal("~(a~1~b~true~c~(~)~d~null~e~(~'x~2.5))", Jsurl.Stringify(new Jsurl.Object([new("a", 1), new("b", true), new("c", new List<object?>()), new("d", null), new("e", new List<object?> { "x", 2.5 })])));
    }

    [Fact]
    public void A_dollar_is_escaped_like_any_other_character_and_the_jsurl_library_form_still_reads()
    {
        // The issue's rule is "everything but [A-Za-z0-9_.-] as *xx"; Sage/jsurl writes $ as ! and reads both.
        Assert.Equal("~'*24sum*2c*20x*24", Jsurl.Stringify("$sum, x$"));
        Assert.Equal("$sum", Jsurl.Parse("~'!sum"));
        Assert.Equal("$sum", Jsurl.Parse("~'*24sum"));
    }

    [Fact]
    public void Jsurl_reads_back_what_it_writes()
    {
        const string text = "multi\nline | query with 'quotes' and \"doubles\" and $dollars and ünïcödé ✓";

        Assert.Equal(text, Jsurl.Parse(Jsurl.Stringify(text)));
    }

    [Fact]
    public void The_fragment_is_uri_component_encoded_with_dollar_as_the_escape()
    {
        Assert.Equal("$3FqueryDetail$3D~(a~'b*20c)", CloudWatchConsoleLink.EscapeFragment("?queryDetail=~(a~'b*20c)"));
        Assert.Equal("$25$20$C3$A9", CloudWatchConsoleLink.EscapeFragment("% é"));
    }
}
