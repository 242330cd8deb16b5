namespace Autri.Logs.Engine.Execution;

/// <summary>
/// Gives every field name a query touches a fixed index, so a row is a plain <see cref="Value"/> array
/// instead of a dictionary per log event.
/// </summary>
internal sealed class FieldSlots
{
    public const string TimestampField = "@timestamp";
    public const string MessageField = "@message";
    public const string LogField = "@log";
    public const string LogStreamField = "@logStream";
    public const string PtrField = "@ptr";

    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public FieldSlots()
    {
        Timestamp = Get(TimestampField);
        Message = Get(MessageField);
        Log = Get(LogField);
        LogStream = Get(LogStreamField);
        Ptr = Get(PtrField);
    }

    public int Timestamp { get; }

    public int Message { get; }

    public int Log { get; }

    public int LogStream { get; }

    public int Ptr { get; }

    public int Count => _names.Count;

    public IReadOnlyList<string> Names => _names;

    public int Get(string name)
    {
        if (_slots.TryGetValue(name, out var slot)) return slot;
        slot = _names.Count;
        _slots.Add(name, slot);
        _names.Add(name);
        return slot;
    }

    public bool TryGet(string name, out int slot) => _slots.TryGetValue(name, out slot);

    /// <summary>Fields that come from the log line rather than from Logs Insights itself.</summary>
    public static bool IsLogField(string name) =>
        name is not (TimestampField or MessageField or LogField or LogStreamField or PtrField);
}
