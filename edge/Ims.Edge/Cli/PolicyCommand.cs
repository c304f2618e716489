using System.CommandLine;
using Ims.Edge.Hosting;
using Ims.Pcrf.Policies;
using Ims.Pcrf.Release;

namespace Ims.Edge.Cli;

/// <summary>
/// `ims policy set|show`: the built-in PCRF's media policies in the store under --data (or through
/// the endpoint of a running `ims up`): allowed media types, codecs and a bandwidth ceiling, for
/// one subscriber or as the default.
/// </summary>
internal static class PolicyCommand
{
    public static Command Create(CliOutput cli)
    {
        var data = new Option<string>("--data") { Description = "Folder of the embedded store", DefaultValueFactory = _ => "./data", Recursive = true };
        return new Command("policy", "Media policies of the built-in PCRF (media types, codecs, bandwidth), and releasing sessions") { data, Set(cli, data), Show(cli, data), Release(cli, data) };
    }

    private static Command Set(CliOutput cli, Option<string> data)
    {
        var impu = new Argument<string?>("impu") { Description = "Public identity the policy is for", Arity = ArgumentArity.ZeroOrOne };
        var isDefault = new Option<bool>("--default") { Description = "Set the policy of every subscriber without one of their own" };
        var media = new Option<string>("--media") { Description = "Allowed media types, e.g. audio,video", Required = true };
        var codecs = new Option<string>("--codecs") { Description = "Allowed codecs by encoding name, e.g. AMR-WB,AMR,PCMU (default: any)" };
        var bandwidth = new Option<int>("--max-bandwidth") { Description = "Largest bandwidth of one media component in kbit/s (default: no limit)" };
        var set = new Command("set", "Set the policy of a subscriber, or the default with --default") { impu, isDefault, media, codecs, bandwidth };
        set.SetAction(async (parse, cancellationToken) =>
        {
            if (Target(cli, parse.GetValue(impu), parse.GetValue(isDefault), out var subscriber) is { } bad)
            {
                return bad;
            }

            var mediaTypes = (parse.GetValue(media) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = mediaTypes.FirstOrDefault(m => m.ToLowerInvariant() is not ("audio" or "video" or "text" or "application" or "message" or "data" or "control"));
            if (mediaTypes.Length == 0 || unknown is not null)
            {
                return cli.Fail($"--media takes audio, video, text, application, message, data or control{(unknown is null ? string.Empty : $", not '{unknown}'")}", ImsCli.UsageError);
            }

            if (parse.GetValue(bandwidth) < 0)
            {
                return cli.Fail("--max-bandwidth is a number of kbit/s, 0 or more", ImsCli.UsageError);
            }

            var policy = MediaPolicy.Of(mediaTypes, (parse.GetValue(codecs) ?? string.Empty).Split(','), parse.GetValue(bandwidth));
            return await OperatorCommands.WithStoreAsync(cli, parse.GetValue(data)!, async store =>
            {
                await new MediaPolicies(store).SetAsync(subscriber, policy, cancellationToken).ConfigureAwait(false);
                cli.Out.WriteLine($"{subscriber ?? "default"}: {policy.Describe()}");
                return 0;
            }).ConfigureAwait(false);
        });
        return set;
    }

    private static Command Show(CliOutput cli, Option<string> data)
    {
        var impu = new Argument<string?>("impu") { Description = "Public identity", Arity = ArgumentArity.ZeroOrOne };
        var isDefault = new Option<bool>("--default") { Description = "Show the default policy" };
        var show = new Command("show", "Show the policy that applies to a subscriber, or the default") { impu, isDefault };
        show.SetAction(async (parse, cancellationToken) =>
        {
            if (Target(cli, parse.GetValue(impu), parse.GetValue(isDefault), out var subscriber) is { } bad)
            {
                return bad;
            }

            return await OperatorCommands.WithStoreAsync(cli, parse.GetValue(data)!, async store =>
            {
                var (policy, source) = await new MediaPolicies(store).ResolveAsync(subscriber, cancellationToken).ConfigureAwait(false);
                cli.Out.WriteLine($"{subscriber ?? "default"}: {policy.Describe()} ({source})");
                return 0;
            }).ConfigureAwait(false);
        });
        return show;
    }

    /// <summary>
    /// `ims policy release IMPU`: the running core's PCRF ends every live Rx session of the subscriber.
    /// ASR by default (TS 29.214 4.4.4, Abort-Cause BEARER_RELEASED unless --cause says otherwise);
    /// --bearer-lost sends RAR with INDICATION_OF_LOSS_OF_BEARER instead (4.4.6.1), as a gateway that
    /// lost the bearer would have the PCRF do. The AF answers and ends each session with STR.
    /// </summary>
    private static Command Release(CliOutput cli, Option<string> data)
    {
        var impu = new Argument<string>("impu") { Description = "Public identity whose live Rx sessions end" };
        var cause = new Option<string?>("--cause") { Description = $"Abort-Cause of the ASR: {string.Join(", ", RxAbortCause.All.Select(n => n.ToLowerInvariant().Replace('_', '-')))} (default bearer-released)" };
        var bearerLost = new Option<bool>("--bearer-lost") { Description = "Send RAR with INDICATION_OF_LOSS_OF_BEARER instead of ASR" };
        var release = new Command("release", "End the live Rx sessions of a subscriber through the running ims up (ASR, or RAR with --bearer-lost)") { impu, cause, bearerLost };
        release.SetAction(async (parse, cancellationToken) =>
        {
            var causeText = parse.GetValue(cause);
            uint abortCause = RxAbortCause.BearerReleased;
            if (causeText is not null && parse.GetValue(bearerLost))
            {
                return cli.Fail("--cause is the Abort-Cause of an ASR; --bearer-lost sends RAR, which has none", ImsCli.UsageError);
            }

            if (causeText is not null && !RxAbortCause.TryParse(causeText, out abortCause))
            {
                return cli.Fail($"--cause takes {string.Join(", ", RxAbortCause.All.Select(n => n.ToLowerInvariant().Replace('_', '-')))} or 0-4, not '{causeText}'", ImsCli.UsageError);
            }

            var order = new PolicyReleaseOrder(parse.GetValue(impu) ?? string.Empty, parse.GetValue(bearerLost), abortCause);
            if (order.Problem() is { } problem)
            {
                return cli.Fail(problem, ImsCli.UsageError);
            }

            var (reply, error) = await OperatorClient.ReleaseAsync(parse.GetValue(data)!, order, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            if (reply is null)
            {
                return cli.Fail(error!);
            }

            var how = order.BearerLost ? "RAR INDICATION_OF_LOSS_OF_BEARER" : $"ASR {RxAbortCause.NameOf(abortCause)}";
            cli.Out.WriteLine($"{order.Subscriber.Trim()}: release requested (event {reply.EventId}); the PCRF sends {how} to the AF of each live Rx session");
            return 0;
        });
        return release;
    }

    private static int? Target(CliOutput cli, string? impu, bool isDefault, out string? subscriber)
    {
        subscriber = string.IsNullOrWhiteSpace(impu) ? null : impu.Trim();
        if (subscriber is null == !isDefault)
        {
            subscriber = null;
            return cli.Fail("give an IMPU or --default (one of them)", ImsCli.UsageError);
        }

        if (subscriber is not null && !(subscriber.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || subscriber.StartsWith("sips:", StringComparison.OrdinalIgnoreCase) || subscriber.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)))
        {
            return cli.Fail($"'{subscriber}' is not a sip:, sips: or tel: URI", ImsCli.UsageError);
        }

        return null;
    }
}
