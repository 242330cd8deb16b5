namespace Autri.AwsFake;

/// <summary>
/// Faults to inject, consumed in order by the next matching calls that pass the fake's checks
/// (a request the model rejects never consumes one). Target is "*" or a full X-Amz-Target such as
/// "AmazonSSM.GetParameter".
/// </summary>
public sealed class FailureQueue
{
    private readonly object _gate = new();
    private readonly List<Fault> _faults = [];

    /// <summary>Answer the next <paramref name="count"/> matching calls with this AWS error.</summary>
    public void Enqueue(string target, string errorCode, int httpStatus = 400, int count = 1, string? message = null)
    {
        lock (_gate) _faults.Add(new Fault(target, count, errorCode, httpStatus, message ?? $"Injected {errorCode}", null));
    }

    /// <summary>Hold the next <paramref name="count"/> matching calls for <paramref name="delay"/> before answering normally.</summary>
    public void EnqueueDelay(string target, TimeSpan delay, int count = 1)
    {
        lock (_gate) _faults.Add(new Fault(target, count, null, 0, null, delay));
    }

    public int Pending
    {
        get { lock (_gate) return _faults.Sum(f => f.Remaining); }
    }

    public void Clear()
    {
        lock (_gate) _faults.Clear();
    }

    internal Fault? Take(string target)
    {
        lock (_gate)
        {
            var f = _faults.FirstOrDefault(f => f.Target == "*" || f.Target == target);
            if (f is null) return null;
            if (--f.Remaining == 0) _faults.Remove(f);
            return f;
        }
    }

    internal sealed class Fault(string target, int count, string? code, int status, string? message, TimeSpan? delay)
    {
        public string Target { get; } = target;
        public int Remaining { get; set; } = count;
        public string? Code { get; } = code;
        public int Status { get; } = status;
        public string? Message { get; } = message;
        public TimeSpan? Delay { get; } = delay;
    }
}
