namespace Autri.Infra.Notifications;

/// <summary>Who a signal on the channel concerns: everyone, or a set of users.</summary>
public sealed record SignalTarget(bool Everyone, IReadOnlySet<Guid> Users)
{
    public static SignalTarget All { get; } = new(true, new HashSet<Guid>());

    public bool Concerns(Guid userId) => Everyone || Users.Contains(userId);
}

/// <summary>
/// The Postgres channel that tells every portal instance "these users' notifications changed". Writers send it
/// inside the transaction that changes the rows, so a rolled-back change signals nobody, and listeners
/// re-read counts from the database: the payload says only who, never what.
/// </summary>
public static class NotificationSignal
{
    public const string Channel = "autri_notifications";

    /// <summary>Payload meaning "everyone" (a broadcast, or an audience too big to list).</summary>
    public const string Everyone = "*";

    /// <summary>NOTIFY refuses payloads of 8000 bytes or more; keep well under it.</summary>
    public const int MaxPayloadBytes = 7900;

    /// <summary>Comma-separated user ids, or <see cref="Everyone"/> when the list would not fit.</summary>
    public static string Encode(IEnumerable<Guid> users)
    {
        var payload = new StringBuilder();
        foreach (var id in users.Distinct())
        {
            if (payload.Length > 0) payload.Append(',');
            payload.Append(id.ToString("D"));
            if (payload.Length > MaxPayloadBytes) return Everyone;
        }
        return payload.ToString();
    }

    /// <summary>Anything unreadable counts as everyone: a needless re-read is harmless, a missed one is not.</summary>
    public static SignalTarget Decode(string? payload)
    {
        if (string.IsNullOrWhiteSpace(payload) || payload.Trim() == Everyone) return SignalTarget.All;
        var users = new HashSet<Guid>();
        foreach (var part in payload.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Guid.TryParse(part, out var id)) return SignalTarget.All;
            users.Add(id);
        }
        return users.Count == 0 ? SignalTarget.All : new SignalTarget(false, users);
    }

    /// <summary>Queues the signal in <paramref name="tx"/>: Postgres delivers it at commit, and drops it on rollback.</summary>
    public static Task SendAsync(NpgsqlTransaction tx, string payload, CancellationToken ct = default) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("SELECT pg_notify(@channel, @payload)",
            new { channel = Channel, payload }, tx, cancellationToken: ct));

    public static Task SendAsync(NpgsqlTransaction tx, IEnumerable<Guid> users, CancellationToken ct = default) =>
        SendAsync(tx, Encode(users), ct);
}
