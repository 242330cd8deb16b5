namespace Autri.Infra.Logging;

/// <summary>
/// Renders one log entry as one flat JSON object (the shape in ops/queries/README.md): time, level, logger,
/// message, event, then the message template's named values and scope values as top-level fields, so
/// Logs Insights discovers them without a parse step. Exceptions are type and message only.
/// </summary>
public static class JsonLogLine
{
    public static string Render<TState>(DateTimeOffset time, LogLevel level, string category, EventId eventId,
        TState state, Exception? exception, Func<TState, Exception?, string> formatter, IExternalScopeProvider? scopes)
    {
        var buffer = new MemoryStream(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("time", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
            w.WriteString("level", LevelName(level));
            w.WriteString("logger", category);
            w.WriteString("message", formatter(state, exception));
            if (!string.IsNullOrEmpty(eventId.Name)) w.WriteString("event", eventId.Name);
            var written = new HashSet<string>(StringComparer.Ordinal) { "time", "level", "logger", "message", "event" };
            if (state is IEnumerable<KeyValuePair<string, object?>> values) WriteValues(w, values, written);
            scopes?.ForEachScope((scope, writer) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> kv) WriteValues(writer, kv, written);
            }, w);
            if (exception is not null) w.WriteString("exception", $"{exception.GetType().FullName}: {exception.Message}");
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteValues(Utf8JsonWriter w, IEnumerable<KeyValuePair<string, object?>> values, HashSet<string> written)
    {
        foreach (var (key, value) in values)
        {
            if (key == "{OriginalFormat}" || !written.Add(key)) continue;
            switch (value)
            {
                case null: w.WriteNull(key); break;
                case bool b: w.WriteBoolean(key, b); break;
                case int i: w.WriteNumber(key, i); break;
                case long l: w.WriteNumber(key, l); break;
                case double d: w.WriteNumber(key, Math.Round(d, 3)); break;
                case float f: w.WriteNumber(key, Math.Round(f, 3)); break;
                case decimal m: w.WriteNumber(key, m); break;
                case DateTimeOffset t: w.WriteString(key, t.UtcDateTime.ToString("O")); break;
                default: w.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        LogLevel.Critical => "fatal",
        _ => "info",
    };
}
