namespace Autri.Portal.Tests.Features.Ops.Costs;

/// <summary>A component rendered to HTML by the framework's HtmlRenderer, parsed by AngleSharp for assertions.</summary>
public static class Rendered
{
    public static async Task<IDocument> ComponentAsync<T>(Dictionary<string, object?> parameters) where T : IComponent
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        return await BrowsingContext.New(AngleSharp.Configuration.Default).OpenAsync(r => r.Content(html));
    }
}
