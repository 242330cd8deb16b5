namespace Autri.Infra.Aws;

/// <summary>
/// JSON settings of the AWS JSON 1.x protocol: member names exactly as the model spells them (PascalCase for
/// most services, camelCase for Logs), nulls omitted, timestamps as epoch seconds (JSON numbers).
/// </summary>
public static class AwsJson
{
    public static JsonSerializerOptions PascalCase { get; } = Create(null);

    public static JsonSerializerOptions CamelCase { get; } = Create(JsonNamingPolicy.CamelCase);

    private static JsonSerializerOptions Create(JsonNamingPolicy? naming)
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = naming,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.Strict,
        };
        o.Converters.Add(new EpochSecondsConverter());
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    /// <summary>DateTime as epoch seconds with milliseconds in the fraction (1582657288.8), as AWS sends and expects.</summary>
    private sealed class EpochSecondsConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
                ? DateTime.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal)
                : DateTime.UnixEpoch.AddMilliseconds(Math.Round(reader.GetDouble() * 1000));

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
        {
            var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
            var ms = (long)(utc - DateTime.UnixEpoch).TotalMilliseconds;
            if (ms % 1000 == 0) writer.WriteNumberValue(ms / 1000);
            else writer.WriteNumberValue(ms / 1000m);
        }
    }
}
