using Autri.Portal.Features.Notifications;

namespace Autri.Portal.Tests.Features.Notifications;

/// <summary>The bell's changing part and the stream's event, rendered with the framework's HtmlRenderer.</summary>
public class NotificationCountTests
{
    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> RenderAsync<T>(Dictionary<string, object?> parameters) where T : IComponent
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        return new HtmlParser().ParseDocument("<body>" + html + "</body>");
    }

    [Theory]
    [InlineData(0, "Notifications, none unread", null)]
    [InlineData(1, "Notifications, 1 unread", "1")]
    [InlineData(12, "Notifications, 12 unread", "12")]
    public async Task The_count_renders_an_accessible_name_and_a_badge_only_when_something_is_unread(int unread, string name, string? badge)
    {
        var doc = await RenderAsync<NotificationCount>(new() { ["Unread"] = unread });

        Assert.Equal(name, doc.QuerySelector(".visually-hidden")!.TextContent);
        Assert.Equal(badge, doc.QuerySelector("[data-testid=unread-count]")?.TextContent);
        Assert.All(doc.QuerySelectorAll("[data-testid=unread-count]"), b => Assert.Equal("true", b.GetAttribute("aria-hidden")));
    }

    [Theory]
    [InlineData(0, "No unread notifications")]
    [InlineData(1, "1 unread notification")]
    [InlineData(3, "3 unread notifications")]
    public async Task A_changed_count_is_announced_out_of_band_in_the_live_region(int unread, string sentence)
    {
        var doc = await RenderAsync<NotificationStreamUpdate>(new() { ["Unread"] = unread, ["Announce"] = true });

        var live = doc.GetElementById("notification-live")!;
        Assert.Equal("innerHTML", live.GetAttribute("hx-swap-oob"));
        Assert.Equal(sentence, live.TextContent);
    }

    [Fact]
    public async Task An_unchanged_count_is_not_announced()
    {
        var doc = await RenderAsync<NotificationStreamUpdate>(new() { ["Unread"] = 2, ["Announce"] = false });

        Assert.Null(doc.GetElementById("notification-live"));
        Assert.Equal("2", doc.QuerySelector("[data-testid=unread-count]")!.TextContent);
    }

    [Fact]
    public void Multi_line_html_becomes_one_event_with_one_data_line_per_line()
    {
        var text = NotificationStream.Event(4, "<span>a</span>\r\n<span>b</span>");

        Assert.Equal("id: 4\nevent: unread\ndata: <span>a</span>\ndata: <span>b</span>\n\n", text);
    }
}
