namespace Autri.Infra.Logs.Runner;

/// <summary>What the owner of a run learns when it writes progress.</summary>
public enum RunSignal
{
    GoOn,

    /// <summary>An admin asked to cancel (on any instance).</summary>
    Cancel,

    /// <summary>The run is final already (another instance failed it as abandoned): stop driving it.</summary>
    AlreadyFinal,
}
