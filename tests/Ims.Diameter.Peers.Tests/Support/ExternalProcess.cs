using System.Diagnostics;
using System.Text;

namespace Ims.Diameter.Peers.Tests.Support;

/// <summary>A third-party program started for a test and always stopped by its own pid.</summary>
internal sealed class ExternalProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _standardOutput = new();

    private ExternalProcess(Process process)
    {
        _process = process;
    }

    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="program"/>, failing the test clearly when it is not installed.</summary>
    public static ExternalProcess Start(string program, string workingDirectory, params string[] arguments)
    {
        var path = Require(program);
        var info = new ProcessStartInfo(path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var started = new ExternalProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            started.Append(e.Data);
            lock (started._output)
            {
                started._standardOutput.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Runs a program to completion within a bound and returns its exit code and standard output (standard error goes to the failure message).</summary>
    public static async Task<(int Exit, string Output)> RunAsync(string program, TimeSpan limit, params string[] arguments)
    {
        using var process = Start(program, Path.GetTempPath(), arguments);
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process._process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{program} did not finish within {limit}: {process.Output}");
        }

        process._process.WaitForExit();
        lock (process._output)
        {
            return (process._process.ExitCode, process._standardOutput.ToString());
        }
    }

    public static string Require(string program)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
        if (found is null)
        {
            Assert.Fail($"{program} is not installed: this interop test needs it (see shared/TESTING.md)");
        }

        return found!;
    }

    public async Task<bool> WaitForOutputAsync(string text, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            if (HasExited)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <summary>Asks the process to stop (SIGINT via kill on its pid), waits a bounded time, then kills it.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-INT", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill?.WaitForExit();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
