namespace Autri.Domain.Parameters;

/// <summary>
/// A parameter store with SSM Parameter Store's semantics: every write makes a new version,
/// history is kept, and a write without <see cref="PutParameter.Overwrite"/> fails if the name exists.
/// Adapters: SSM (production) and Postgres (local). Both pass one contract test suite.
/// </summary>
public interface IParameterStore
{
    /// <exception cref="ParameterStoreException">Code <c>ParameterNotFound</c> when absent.</exception>
    Task<Parameter> GetAsync(string name, CancellationToken ct = default);

    /// <summary>Writes a new version and returns its number (1 for a new parameter).</summary>
    Task<long> PutAsync(PutParameter request, CancellationToken ct = default);

    /// <summary>All versions, oldest first.</summary>
    Task<IReadOnlyList<ParameterVersion>> GetHistoryAsync(string name, CancellationToken ct = default);

    /// <summary>One page of the parameters under a path; SecureString values are never decrypted.</summary>
    Task<ParameterPage> GetByPathAsync(string path, bool recursive, string? nextToken, CancellationToken ct = default);
}
