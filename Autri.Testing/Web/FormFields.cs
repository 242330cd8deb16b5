namespace Autri.Testing.Web;

/// <summary>A form's fields as the browser would send them, editable by the test.</summary>
public sealed class FormFields
{
    private readonly List<KeyValuePair<string, string>> _pairs = [];

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    public static FormFields Of(IElement form)
    {
        var fields = new FormFields();
        foreach (var e in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = e.GetAttribute("name")!;
            switch (e.LocalName)
            {
                case "textarea":
                    fields._pairs.Add(new(name, e.TextContent));
                    break;
                case "select":
                    var option = e.QuerySelector("option[selected]") ?? e.QuerySelector("option");
                    fields._pairs.Add(new(name, option?.GetAttribute("value") ?? ""));
                    break;
                default:
                    var type = e.GetAttribute("type") ?? "text";
                    if (type is "submit" or "button") break;
                    if (type is "checkbox" or "radio" && !e.HasAttribute("checked")) break;
                    fields._pairs.Add(new(name, e.GetAttribute("value") ?? ""));
                    break;
            }
        }
        return fields;
    }

    public FormFields Set(string name, string value)
    {
        _pairs.RemoveAll(p => p.Key == name);
        _pairs.Add(new(name, value));
        return this;
    }

    public FormFields Remove(string name)
    {
        _pairs.RemoveAll(p => p.Key == name);
        return this;
    }

    /// <summary>Ticks a checkbox (adds one more value under the name).</summary>
    public FormFields Tick(string name, string value)
    {
        _pairs.Add(new(name, value));
        return this;
    }

    public string? Get(string name) => _pairs.FirstOrDefault(p => p.Key == name).Value;
}
