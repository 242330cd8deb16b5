namespace Autri.Infra.Hosting;

/// <summary>
/// Options checked by a static list of messages (empty when valid), so tests and callers can read the messages
/// while start fails with all of them at once.
/// </summary>
public abstract class OptionsCheck<TOptions>(Func<TOptions, IReadOnlyList<string>> check) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        check(options) is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
}
