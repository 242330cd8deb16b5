namespace Autri.Testing.Processes;

/// <summary>
/// The TCP sockets a process listens on, read from Linux's /proc: the inodes of the sockets the process holds
/// (/proc/&lt;pid&gt;/fd → socket:[inode]) matched against the LISTEN entries (state 0A) of /proc/net/tcp and tcp6.
/// </summary>
public static class ListeningSockets
{
    public static IReadOnlyList<int> PortsOf(int pid)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            var target = new FileInfo(fd).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)) inodes.Add(target[8..^1]);
        }
        var ports = new List<int>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                var cols = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (cols.Length < 10 || cols[3] != "0A" || !inodes.Contains(cols[9])) continue;
                ports.Add(int.Parse(cols[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
        }
        return ports;
    }

    /// <summary>How many sockets of any kind the process holds: proves <see cref="PortsOf"/> could see them at all.</summary>
    public static int SocketCount(int pid) =>
        Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Count(fd => new FileInfo(fd).LinkTarget?.StartsWith("socket:[", StringComparison.Ordinal) == true);
}
