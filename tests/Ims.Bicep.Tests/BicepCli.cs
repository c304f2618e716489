using System.Diagnostics;
using System.Reflection;

namespace Ims.Bicep.Tests;

/// <summary>Runs the Bicep CLI restored from its NuGet package; it works offline.</summary>
internal static class BicepCli
{
    public static string Path
    {
        get
        {
            var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepCli").Value!;
            return File.Exists(path) ? path : throw new FileNotFoundException($"Bicep CLI not found at {path}; run dotnet restore");
        }
    }

    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The CLI would otherwise try to reach the network for telemetry and module restore.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', args)} did not finish in 2 minutes");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
