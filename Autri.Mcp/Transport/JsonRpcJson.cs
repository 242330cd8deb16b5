using System.Text.Json.Serialization;

namespace Autri.Mcp.Transport;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(JsonRpcErrors.ErrorEnvelope))]
internal sealed partial class JsonRpcJson : JsonSerializerContext;
