using System.Diagnostics;
using System.Globalization;
using Ims.Diameter.Peers.Tests.Support;

namespace Ims.EndToEnd.Tests.Support;

/// <summary>What a SIPp run reported: its exit code, its call counts from the statistics file, and each call's response time.</summary>
internal sealed record SippResult(int ExitCode, int Successful, int Failed, IReadOnlyList<double> ResponseTimesMs, string FullLog)
{
    public string Log => FullLog.Length > 4000 ? FullLog[..4000] : FullLog;

    public override string ToString() => $"sipp exit {ExitCode}, {Successful} successful, {Failed} failed{Environment.NewLine}{Log}";
}

/// <summary>
/// SIPp (Debian sip-tester) as the UE: runs a scenario from tests/Ims.EndToEnd.Tests/Sipp against the
/// P-CSCF on loopback with an injection file, bounded in calls and time, and reads back its own counts.
/// </summary>
internal static class Sipp
{
    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Sipp", name);

    /// <summary>The SIPp [authentication] keyword for an AKA USIM; SIPp takes K, OP and AMF as raw ASCII (shared/TESTING.md).</summary>
    public static string AkaKeyword(string impi, string kText, string opText, string amfText) =>
        $"[authentication username={impi} aka_K={kText} aka_OP={opText} aka_AMF={amfText}]";

    /// <summary>The hex of an ASCII key text, as `ims subscriber add` takes it.</summary>
    public static string Hex(string text) => Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(text));

    /// <summary>
    /// Runs an AKA registration scenario and runs again, once, the UEs that SIPp itself got wrong:
    /// SIPp 3.6.1 takes RES as a C string, so when RES holds a 0x00 byte (about 3 in 100 vectors) its
    /// response is computed over a truncated RES and is rightly refused with 403 (RFC 3310 3.4 keeps
    /// every byte). Only that refusal is retried; any other failure stays a failure. Returns the
    /// final result and how many UEs were retried.
    /// </summary>
    public static async Task<(SippResult Result, int Retried)> RegisterAkaAsync(int targetPort, IReadOnlyList<string> injection, int? localPort = null, string scenario = "register-aka.xml")
    {
        var result = await RunAsync(scenario, targetPort, injection, injection.Count, localPort: localPort);
        var successful = result.Successful;
        var retried = 0;
        var pending = injection;
        // Up to three rounds: a UE whose fresh vector again has a 0x00 in RES (p = 0.03) is retried again.
        for (var round = 0; round < 3 && result.Failed > 0; round++)
        {
            var refused = System.Text.RegularExpressions.Regex.Matches(result.FullLog, @"Call-Id '(\d+)-[^']*': while expecting '200' \(index \d+\), received 'SIP/2.0 403 Forbidden - Authentication Failed")
                .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
                .Distinct()
                .ToList();
            if (refused.Count != result.Failed)
            {
                break;
            }

            pending = refused.Select(call => pending[call - 1]).ToList();
            retried += pending.Count;
            result = await RunAsync(scenario, targetPort, pending, pending.Count, localPort: localPort);
            successful += result.Successful;
        }

        return (result with { Successful = successful }, retried);
    }

    public static async Task<SippResult> RunAsync(
        string scenario, int targetPort, IReadOnlyList<string> injection, int calls, double rate = 20, TimeSpan? limit = null, string transport = "u1", int? callLimit = null, int? localPort = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ims-sipp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var csv = Path.Combine(folder, "ues.csv");
            await File.WriteAllLinesAsync(csv, ["SEQUENTIAL", .. injection]);
            var stats = Path.Combine(folder, "stats.csv");
            var errors = Path.Combine(folder, "errors.log");
            var info = new ProcessStartInfo(ExternalProcess.Require("sipp"))
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            string[] arguments =
            [
                $"127.0.0.1:{targetPort.ToString(CultureInfo.InvariantCulture)}",
                "-sf", Scenario(scenario),
                "-inf", csv,
                "-m", calls.ToString(CultureInfo.InvariantCulture),
                "-r", rate.ToString(CultureInfo.InvariantCulture),
                "-l", (callLimit ?? Math.Max(calls, 1)).ToString(CultureInfo.InvariantCulture),
                "-i", "127.0.0.1",
                // The UE's contact is its address: re- and de-registration must come from the same port (RFC 3261 10.2.2).
                "-p", (localPort ?? ImsProcess.FreePort()).ToString(CultureInfo.InvariantCulture),
                "-t", transport,
                "-nostdin",
                "-timeout", "60s",
                "-timeout_error",
                "-recv_timeout", "8000",
                "-trace_stat", "-stf", stats,
                "-trace_err", "-error_file", errors,
                "-trace_rtt", "-rtt_freq", "1",
            ];
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException("sipp did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            await output;
            var log = (await error) + (File.Exists(errors) ? await File.ReadAllTextAsync(errors) : string.Empty);
            var (successful, failed) = Counts(stats);
            return new SippResult(process.ExitCode, successful, failed, ResponseTimes(folder), log);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (int Successful, int Failed) Counts(string stats)
    {
        if (!File.Exists(stats))
        {
            return (-1, -1);
        }

        var lines = File.ReadAllLines(stats).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(';');
        var last = lines[^1].Split(';');
        int Column(string name) => int.Parse(last[Array.IndexOf(header, name)], CultureInfo.InvariantCulture);
        return (Column("SuccessfulCall(C)"), Column("FailedCall(C)"));
    }

    private static List<double> ResponseTimes(string folder) =>
        Directory.GetFiles(folder, "*_rtt.csv")
            .SelectMany(File.ReadAllLines)
            .Select(l => l.Split(';'))
            .Where(f => f.Length >= 2 && double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Select(f => double.Parse(f[1], CultureInfo.InvariantCulture))
            .ToList();
}
