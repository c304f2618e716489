using System.CommandLine;
using Ims.Pcrf.Policies;

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
        return new Command("policy", "Media policies of the built-in PCRF (media types, codecs, bandwidth)") { data, Set(cli, data), Show(cli, data) };
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
