namespace Autri.Infra.Notifications;

/// <summary>
/// In-process fan-out from the one LISTEN connection to this instance's open streams. A subscription holds no
/// data, only a "look again" flag: pokes coalesce, and the stream re-reads the count from the database.
/// </summary>
public sealed class NotificationFanout
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, HashSet<Subscription>> _byUser = [];

    /// <summary>Open subscriptions on this instance (what a leak would make grow).</summary>
    public int SubscriberCount
    {
        get
        {
            lock (_gate) return _byUser.Values.Sum(s => s.Count);
        }
    }

    /// <summary>Open subscriptions of one user on this instance (one per open tab).</summary>
    public int SubscriberCountOf(Guid userId)
    {
        lock (_gate) return _byUser.TryGetValue(userId, out var set) ? set.Count : 0;
    }

    public Subscription Subscribe(Guid userId)
    {
        var subscription = new Subscription(this, userId);
        lock (_gate)
        {
            if (!_byUser.TryGetValue(userId, out var set)) _byUser[userId] = set = [];
            set.Add(subscription);
        }
        return subscription;
    }

    public void Signal(SignalTarget target)
    {
        List<Subscription> poke;
        lock (_gate)
        {
            poke = target.Everyone
                ? _byUser.Values.SelectMany(s => s).ToList()
                : target.Users.Where(_byUser.ContainsKey).SelectMany(u => _byUser[u]).ToList();
        }
        foreach (var s in poke) s.Poke();
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            if (_byUser.TryGetValue(subscription.UserId, out var set) && set.Remove(subscription) && set.Count == 0)
                _byUser.Remove(subscription.UserId);
        }
    }

    public sealed class Subscription : IDisposable
    {
        private readonly NotificationFanout _owner;

        // Capacity one and extra writes dropped: ten signals while the stream is busy become one re-read.
        private readonly Channel<bool> _pokes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });

        internal Subscription(NotificationFanout owner, Guid userId)
        {
            _owner = owner;
            UserId = userId;
        }

        public Guid UserId { get; }

        internal void Poke() => _pokes.Writer.TryWrite(true);

        /// <summary>True when poked, false when <paramref name="timeout"/> passed first; throws when <paramref name="ct"/> is cancelled.</summary>
        public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
        {
            if (_pokes.Reader.TryRead(out _)) return true;
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(timeout);
            try
            {
                await _pokes.Reader.ReadAsync(wait.Token);
                return true;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return false;
            }
        }

        public void Dispose() => _owner.Remove(this);
    }
}
