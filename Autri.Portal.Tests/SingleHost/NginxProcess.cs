namespace Autri.Portal.Tests.SingleHost;

/// <summary>
/// Debian's nginx (installed by scripts/setup.sh) as a foreground child process with a prefix of its own in a temp
/// folder: a main nginx.conf of ours includes the site deploy/single-host renders, with the snippets setup.sh
/// installs beside it. No file of the system's nginx is read or written (-e moves even the start-up error log).
/// </summary>
public sealed class NginxProcess : IAsyncDisposable
{
    private readonly Process _process;

    private NginxProcess(Process process, string prefix)
    {
        _process = process;
        Prefix = prefix;
    }

    public string Prefix { get; }

    public static string MainConfiguration(string prefix) => Path.Combine(prefix, "conf", "nginx.conf");

    /// <summary>Lays out the prefix: our nginx.conf, the site and the snippets (conf/), logs/ and temp folders.</summary>
    public static void WriteConfiguration(string prefix, string site)
    {
        var conf = Path.Combine(prefix, "conf");
        Directory.CreateDirectory(conf);
        Directory.CreateDirectory(Path.Combine(prefix, "logs"));
        foreach (var snippet in new[] { "autri-proxy.conf", "autri-streaming.conf" })
            File.Copy(Path.Combine(SingleHostFiles.Folder, "nginx", snippet), Path.Combine(conf, snippet), overwrite: true);
        File.WriteAllText(Path.Combine(conf, "autri.conf"), site);
        File.WriteAllText(MainConfiguration(prefix), $$"""
            daemon off;
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/logs/error.log warn;
            events { worker_connections 256; }
            http {
                client_body_temp_path {{prefix}}/client_body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                include {{conf}}/autri.conf;
            }
            """);
    }

    /// <summary>nginx -t on the prefix's configuration: the exit code and what it said.</summary>
    public static Task<(int ExitCode, string Output, string Error)> TestAsync(string prefix) =>
        SingleHostFiles.RunAsync(Arguments(prefix, "-t"));

    public static async Task<NginxProcess> StartAsync(string prefix, int port)
    {
        var process = Process.Start(Arguments(prefix))!;
        var nginx = new NginxProcess(process, prefix);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var socket = new System.Net.Sockets.TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, port);
                return nginx;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50);
            }
        }
        var error = process.HasExited ? await process.StandardError.ReadToEndAsync() : "";
        await nginx.DisposeAsync();
        throw new InvalidOperationException($"nginx did not listen on {port}: {error} {ErrorLog(prefix)}");
    }

    public static string ErrorLog(string prefix) => File.Exists(Path.Combine(prefix, "logs", "error.log")) ? File.ReadAllText(Path.Combine(prefix, "logs", "error.log")) : "";

    private static ProcessStartInfo Arguments(string prefix, params string[] more)
    {
        var psi = new ProcessStartInfo("nginx") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-p", prefix, "-c", MainConfiguration(prefix), "-e", Path.Combine(prefix, "logs", "error.log") }.Concat(more))
            psi.ArgumentList.Add(a);
        return psi;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.KillTreeAsync();
        _process.Dispose();
    }
}
