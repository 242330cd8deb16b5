using Autri.Domain.Parameters;

namespace Autri.Testing.Parameters;

/// <summary>
/// A parameter store that, once armed, lets another writer land right before the next put: the narrow window
/// between the editor's re-read and its write that SSM cannot close. Everything else passes straight through.
/// </summary>
public sealed class RacingParameterStore(IParameterStore inner) : IParameterStore
{
    private PutParameter? _intruder;

    public void WriteBeforeNextPut(PutParameter intruder) => _intruder = intruder;

    public Task<Parameter> GetAsync(string name, CancellationToken ct = default) => inner.GetAsync(name, ct);

    public async Task<long> PutAsync(PutParameter request, CancellationToken ct = default)
    {
        if (Interlocked.Exchange(ref _intruder, null) is { } intruder) await inner.PutAsync(intruder, ct);
        return await inner.PutAsync(request, ct);
    }

    public Task<IReadOnlyList<ParameterVersion>> GetHistoryAsync(string name, CancellationToken ct = default) => inner.GetHistoryAsync(name, ct);

    public Task<ParameterPage> GetByPathAsync(string path, bool recursive, string? nextToken, CancellationToken ct = default) =>
        inner.GetByPathAsync(path, recursive, nextToken, ct);
}
