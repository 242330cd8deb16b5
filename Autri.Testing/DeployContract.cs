namespace Autri.Testing;

/// <summary>One key of a deployable's configuration contract (deploy/contract/*.json), as infra-cdk must supply it.</summary>
public sealed record ContractKey(string Key, string From, bool Required, string Description);

/// <summary>Reads deploy/contract/&lt;name&gt;.json, the keys production supplies to one deployable (infra-cdk tests read the same files).</summary>
public static class DeployContract
{
    public static string PathOf(string name) => Path.Combine(RepoPaths.Root, "deploy", "contract", name + ".json");

    /// <summary>The <c>keys</c> of portal.json or mcp.json.</summary>
    public static IReadOnlyList<ContractKey> Keys(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PathOf(name)));
        return Parse(doc.RootElement.GetProperty("keys"));
    }

    /// <summary>The keys of one function in triggers.json.</summary>
    public static IReadOnlyList<ContractKey> FunctionKeys(string function)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PathOf("triggers")));
        return Parse(doc.RootElement.GetProperty("functions").GetProperty(function));
    }

    private static List<ContractKey> Parse(JsonElement keys) => keys.EnumerateArray()
        .Select(k => new ContractKey(k.GetProperty("key").GetString()!, k.GetProperty("from").GetString()!,
            k.GetProperty("required").GetBoolean(), k.GetProperty("description").GetString()!))
        .ToList();
}
