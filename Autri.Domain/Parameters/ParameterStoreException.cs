namespace Autri.Domain.Parameters;

/// <summary>
/// A parameter store refused or failed. <see cref="Code"/> uses SSM's error codes for every adapter
/// (ParameterNotFound, ParameterAlreadyExists, ParameterMaxVersionLimitExceeded, ValidationException,
/// AccessDeniedException, ThrottlingException, …) so callers handle one vocabulary.
/// </summary>
public sealed class ParameterStoreException(string code, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string Code { get; } = code;

    public bool IsNotFound => Code == "ParameterNotFound";
}
