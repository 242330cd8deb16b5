namespace Autri.Portal.Tests.Features.Ops.Charts;

/// <summary>Renders a component with the framework's HtmlRenderer (as static SSR does) and parses it with AngleSharp.</summary>
public static class StaticRender
{
    public static async Task<IDocument> RenderAsync<TComponent>(IDictionary<string, object?> parameters, Action<IServiceCollection>? services = null)
        where TComponent : IComponent
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        services?.Invoke(collection);
        await using var provider = collection.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        return new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
    }
}
