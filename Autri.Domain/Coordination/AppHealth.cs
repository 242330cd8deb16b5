namespace Autri.Domain.Coordination;

/// <summary>What an app's readiness probe (<c>/readyz</c>) said.</summary>
public enum AppHealth
{
    /// <summary>200: the app answers, its database answers and its migrations are current.</summary>
    Ready,

    /// <summary>The app answered, but not ready (503: database unreachable or migrations pending).</summary>
    NotReady,

    /// <summary>No answer at all (refused, timed out, DNS).</summary>
    Unreachable,
}
