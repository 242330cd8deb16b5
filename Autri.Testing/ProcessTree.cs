namespace Autri.Testing;

public static class ProcessTree
{
    /// <summary>Kills the process with everything it started (node's workers, nginx's), and waits until it is gone.</summary>
    public static async Task KillTreeAsync(this Process process)
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }
}
