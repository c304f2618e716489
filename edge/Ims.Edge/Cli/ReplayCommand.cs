using System.CommandLine;
using System.Globalization;
using Ims.Edge.Core;
using Ims.Edge.Hosting;
using Ims.Functions.Catalog;
using Ims.Replay.Ladder;
using Ims.Replay.Recorded;
using Ims.Replay.Replaying;
using Ims.Replay.Reporting;
using Ims.Replay.Selection;

namespace Ims.Edge.Cli;

/// <summary>
/// `ims replay`: selects one dialog (--call-id), one registration (--impi) or a time window from an
/// event log, re-runs today's handlers on it with the state they read then, prints each step's
/// decision and where today's commands differ (exit 1 when any do), and draws the ladder.
/// `ims replay --check DIR` does that for every log in a folder: recorded failures as regression tests.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliOutput cli)
    {
        var callId = new Option<string?>("--call-id") { Description = "Replay the dialog with this SIP Call-ID (with its Diameter transactions)" };
        var impi = new Option<string?>("--impi") { Description = "Replay the registrations of this private identity (REGISTER and its Cx)" };
        var from = new Option<string?>("--from") { Description = "Start of the time window (ISO 8601, UTC unless an offset is given)" };
        var to = new Option<string?>("--to") { Description = "End of the time window (ISO 8601)" };
        var log = new Option<string?>("--log") { Description = "A log file or folder (default: the data folder's events)" };
        var eventHubs = new Option<string?>("--eventhubs") { Description = "Read the log back from Event Hubs (connection string; with --hub, and --from/--to or --offset)" };
        var hub = new Option<string?>("--hub") { Description = "Event hub name for --eventhubs: the events hub (e.g. ims-events), or any hub of log lines and envelopes" };
        var commandsHub = new Option<string?>("--commands-hub") { Description = "With --eventhubs: also read the commands hub (e.g. ims-commands), for the recorded commands" };
        var decisionsHub = new Option<string?>("--decisions-hub") { Description = "With --eventhubs: also read the hub the Functions app publishes its decisions to (e.g. ims-decisions)" };
        var offset = new Option<long?>("--offset") { Description = "With --eventhubs: start at this offset of every partition" };
        var check = new Option<string?>("--check") { Description = "Replay every log in this folder; exit 1 naming the file and step where today's code differs" };
        var ladder = new Option<string?>("--ladder") { Description = "Write the flow's ladder diagram to this self-contained HTML file" };
        var data = new Option<string?>("--data") { Description = "Data folder of `ims up` (default ./data)" };
        var config = new Option<string?>("--config") { Description = $"Settings file, used when the log holds no host start (default: {ImsConfiguration.DefaultFile} when present)" };
        var command = new Command("replay", "Replay recorded events against today's code: decisions, differences, ladder")
        {
            callId, impi, from, to, log, eventHubs, hub, commandsHub, decisionsHub, offset, check, ladder, data, config,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!TryTime(parse.GetValue(from), "--from", out var start, out var error) || !TryTime(parse.GetValue(to), "--to", out var end, out error))
            {
                return cli.Fail(error!, ImsCli.UsageError);
            }

            var filter = new FlowFilter(parse.GetValue(callId), parse.GetValue(impi), start, end);
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(data) is { } folder)
            {
                overrides["DataPath"] = folder;
            }

            var options = ImsConfiguration.Load(parse.GetValue(config), overrides, out error);
            if (options is null)
            {
                return cli.Fail(error!);
            }

            if (parse.GetValue(check) is { } directory)
            {
                return await CheckAsync(cli, directory, filter, options, cancellationToken).ConfigureAwait(false);
            }

            RecordedLog recorded;
            string source;
            if (parse.GetValue(eventHubs) is { } connection)
            {
                if (parse.GetValue(hub) is not { } hubName)
                {
                    return cli.Fail("--eventhubs needs --hub", ImsCli.UsageError);
                }

                if (start is null && parse.GetValue(offset) is null)
                {
                    return cli.Fail("--eventhubs needs --from (and --to) or --offset", ImsCli.UsageError);
                }

                var hubs = new EventHubsLogReading.Hubs(hubName, parse.GetValue(commandsHub), parse.GetValue(decisionsHub));
                source = $"Event Hubs {string.Join(", ", hubs.Names)}";
                recorded = RecordedLog.From(await EventHubsLogReading.ReadAsync(connection, hubs, start, end, parse.GetValue(offset), cancellationToken).ConfigureAwait(false));
            }
            else
            {
                source = parse.GetValue(log) ?? Path.Combine(options.DataPath, "events");
                if (!File.Exists(source) && !Directory.Exists(source))
                {
                    return cli.Fail($"no event log at {source}");
                }

                recorded = RecordedLog.Read(source);
            }

            var outcome = await ReplayAsync(recorded, filter, options, cancellationToken).ConfigureAwait(false);
            if (outcome.Error is { } failure)
            {
                return cli.Fail(failure);
            }

            cli.Out.Write(ReplayReport.Steps(outcome.Steps));
            var diagram = LadderBuilder.Build(outcome.Steps, outcome.Settings);
            cli.Out.WriteLine();
            cli.Out.Write(TextLadder.Render(diagram));
            cli.Out.WriteLine(ReplayReport.Summary(outcome.Steps));
            if (parse.GetValue(ladder) is { } html)
            {
                await File.WriteAllTextAsync(html, HtmlLadder.Render(diagram, $"ims replay {Describe(filter)} ({source})"), cancellationToken).ConfigureAwait(false);
                cli.Out.WriteLine($"ladder written to {html}");
            }

            if (recorded.Damaged.Count > 0)
            {
                // The intact part was replayed above; the damage is the failure, named by its place.
                return cli.Fail(string.Join("; ", recorded.Damaged.Select(d => d.ToString())));
            }

            var differing = outcome.Steps.Where(s => s.Verdict == StepVerdict.Differs).ToList();
            return differing.Count == 0
                ? 0
                : cli.Fail($"today's code differs from the recording at step {string.Join(", ", differing.Select(s => s.Step.Number.ToString(CultureInfo.InvariantCulture)))}");
        });
        return command;
    }

    private sealed record Replayed(IReadOnlyList<StepOutcome> Steps, ImsFunctionSettings? Settings, string? Error);

    private static async Task<Replayed> ReplayAsync(RecordedLog recorded, FlowFilter filter, ImsOptions options, CancellationToken cancellationToken)
    {
        var steps = FlowSelection.Select(recorded.Steps, filter);
        if (steps.Count == 0)
        {
            return new Replayed([], null, $"no recorded events match {Describe(filter)}");
        }

        // The recorded run's settings (its URIs and ports) when the log has them; otherwise this machine's.
        var settings = ImsFunctions.Settings(options);
        if (recorded.Settings is { } json)
        {
            settings = ImsFunctionSettingsJson.Deserialize(json, out var error) ?? throw new InvalidDataException($"the log's host settings are unreadable: {error}");
        }

        var outcomes = await new FlowReplayer(settings, new SecretRedactor()).ReplayAsync(steps, cancellationToken).ConfigureAwait(false);
        return new Replayed(outcomes, settings, null);
    }

    private static async Task<int> CheckAsync(CliOutput cli, string directory, FlowFilter filter, ImsOptions options, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            return cli.Fail($"no folder {directory}");
        }

        // Each *.log file is one recorded log, and so is each sub-folder (a data folder's day files).
        var logs = Directory.EnumerateFiles(directory, "*.log").Concat(Directory.EnumerateDirectories(directory)).Order(StringComparer.Ordinal).ToList();
        if (logs.Count == 0)
        {
            return cli.Fail($"no logs in {directory}");
        }

        var failures = new List<string>();
        foreach (var path in logs)
        {
            var recorded = RecordedLog.Read(path);
            failures.AddRange(recorded.Damaged.Select(d => d.ToString()));
            var outcome = await ReplayAsync(recorded, filter, options, cancellationToken).ConfigureAwait(false);
            if (outcome.Error is { } error)
            {
                failures.Add($"{path}: {error}");
                continue;
            }

            var differing = outcome.Steps.Where(s => s.Verdict == StepVerdict.Differs).ToList();
            foreach (var step in differing)
            {
                foreach (var difference in step.Differences)
                {
                    cli.Out.WriteLine($"{path}: step {step.Step.Number} {step.Function} on {step.Step.Event.Type}: {difference}");
                }

                failures.Add($"{path}: step {step.Step.Number}");
            }

            cli.Out.WriteLine($"{path}: {ReplayReport.Summary(outcome.Steps)}");
        }

        return failures.Count == 0 ? 0 : cli.Fail($"{failures.Count} failure(s): {string.Join("; ", failures)}");
    }

    private static bool TryTime(string? text, string option, out DateTimeOffset? time, out string? error)
    {
        time = null;
        error = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        error = $"{option}: '{text}' is not an ISO 8601 time";
        return false;
    }

    private static string Describe(FlowFilter filter) =>
        filter.IsEmpty ? "(all events)" : string.Join(' ', new[]
        {
            filter.CallId is null ? null : $"--call-id {filter.CallId}",
            filter.Impi is null ? null : $"--impi {filter.Impi}",
            filter.From is null ? null : $"--from {filter.From:O}",
            filter.To is null ? null : $"--to {filter.To:O}",
        }.Where(s => s is not null));
}
