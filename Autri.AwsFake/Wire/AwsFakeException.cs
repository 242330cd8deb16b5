namespace Autri.AwsFake.Wire;

/// <summary>Thrown by a fake service to answer with an AWS error body <c>{"__type": code, "message": …}</c>.</summary>
public sealed class AwsFakeException(string code, string message, int httpStatus = 400) : Exception(message)
{
    public string Code { get; } = code;

    public int HttpStatus { get; } = httpStatus;
}
