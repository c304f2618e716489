using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Ims.EndToEnd.Tests.Support;

/// <summary>
/// Runs the built `ims` executable (the same binary a user runs) with its own data folder and free
/// loopback ports, collects its output, and stops it by pid: SIGTERM first (the orderly stop), then
/// kill after a bound. Every test disposes what it starts.
/// </summary>
internal sealed class ImsProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private const int FirstPort = 20000;
    private const int PortCount = 12000;
    private static int _nextPort = Random.Shared.Next(PortCount);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private ImsProcess(Process process, string dataPath, IReadOnlyDictionary<string, int> ports)
    {
        _process = process;
        DataPath = dataPath;
        Ports = ports;
    }

    public string DataPath { get; }

    public IReadOnlyDictionary<string, int> Ports { get; }

    public int Pid => _process.Id;

    public IReadOnlyList<string> Output => [.. _lines];

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The ims.dll next to this test assembly (the project reference copies it here).</summary>
    public static string ImsDll => Path.Combine(AppContext.BaseDirectory, "ims.dll");

    /// <summary>Starts `ims up` on free ports and waits for its ready line.</summary>
    public static Task<ImsProcess> UpAsync(string dataPath, params string[] extraArgs) => UpAsync(dataPath, NewPorts(), extraArgs);

    /// <summary>A fresh set of free ports for every listener of `ims up`.</summary>
    public static Dictionary<string, int> NewPorts() => new()
    {
        ["Pcscf__Port"] = FreePort(),
        ["Icscf__Port"] = FreePort(),
        ["Scscf__Port"] = FreePort(),
        ["Hss__Port"] = FreePort(),
        ["Ocs__Port"] = FreePort(),
        ["Pcrf__Port"] = FreePort(),
        ["AdminPort"] = FreePort(),
    };

    /// <summary>Starts `ims up` on the given ports (a restart keeps its addresses, as a deployment does).</summary>
    public static async Task<ImsProcess> UpAsync(string dataPath, Dictionary<string, int> ports, params string[] extraArgs)
    {
        var process = Start(["up", "--data", dataPath, .. extraArgs], ports);
        var ims = new ImsProcess(process, dataPath, ports);
        process.OutputDataReceived += (_, e) => ims.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => ims.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (!ims.Output.Any(l => l.Contains("ready:", StringComparison.Ordinal)))
        {
            if (process.HasExited || deadline.Elapsed > ReadyTimeout)
            {
                await ims.DisposeAsync();
                throw new InvalidOperationException($"ims up did not become ready:{Environment.NewLine}{string.Join(Environment.NewLine, ims.Output)}");
            }

            await Task.Delay(50);
        }

        return ims;
    }

    /// <summary>Runs an `ims` command to completion (bounded), returning its exit code and output.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunAsync(new Dictionary<string, int>(), args);

    /// <summary>Runs an `ims` command to completion (bounded) with the given ports in its environment.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(Dictionary<string, int> ports, params string[] args)
    {
        using var process = Start(args, ports);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ims {string.Join(' ', args)} did not finish in 60 s");
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Waits (bounded) until a line containing <paramref name="text"/> has been written.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < limit)
        {
            if (Output.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <summary>SIGTERM and wait; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? patience = null)
    {
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, 15);
            using var timeout = new CancellationTokenSource(patience ?? TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    public static int FreePort()
    {
        // Ports below the kernel's ephemeral range (32768 and up): a port taken from that range can
        // be handed to any outgoing connection in the second before `ims up` binds it. A counter
        // from a random start keeps this process's picks apart; the bind checks others have not.
        // Free for both TCP and UDP, as the SIP listeners bind both.
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = FirstPort + (int)((uint)Interlocked.Increment(ref _nextPort) % PortCount);
            try
            {
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken: try the next.
            }
        }

        throw new InvalidOperationException("no free loopback port");
    }

    private static Process Start(string[] args, IReadOnlyDictionary<string, int> ports)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(ImsDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, port) in ports)
        {
            start.Environment[$"IMS_{key}"] = port.ToString(CultureInfo.InvariantCulture);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
