using System.CommandLine;
using System.Globalization;
using Ims.Edge.Hosting;
using Ims.Ocs.Accounts;

namespace Ims.Edge.Cli;

/// <summary>
/// `ims balance set|show`: the built-in OCS's prepaid balances in the store under --data (or, while
/// `ims up` holds it, through the endpoint it publishes). A balance is seconds, or money with a
/// per-second rate: `ims balance set IMPU 120` or `ims balance set IMPU --money 5.00 --rate 0.02`.
/// </summary>
internal static class BalanceCommand
{
    public static Command Create(CliOutput cli)
    {
        var data = new Option<string>("--data") { Description = "Folder of the embedded store", DefaultValueFactory = _ => "./data", Recursive = true };
        return new Command("balance", "Prepaid balances of the built-in OCS (seconds, or money at a rate per second)") { data, Set(cli, data), Show(cli, data) };
    }

    private static Command Set(CliOutput cli, Option<string> data)
    {
        var impu = new Argument<string>("impu") { Description = "Public identity (sip: or tel: URI)" };
        var seconds = new Argument<string?>("seconds") { Description = "Balance in seconds", Arity = ArgumentArity.ZeroOrOne };
        var money = new Option<string>("--money") { Description = "Balance as an amount of money, e.g. 5.00 (instead of seconds)" };
        var rate = new Option<string>("--rate") { Description = "With --money: the amount charged per second, e.g. 0.02" };
        var set = new Command("set", "Set a subscriber's balance (what open sessions hold reserved is kept)") { impu, seconds, money, rate };
        set.SetAction(async (parse, cancellationToken) =>
        {
            var identity = parse.GetValue(impu)!.Trim();
            if (!IsIdentity(identity))
            {
                return cli.Fail($"'{identity}' is not a sip:, sips: or tel: URI", ImsCli.UsageError);
            }

            CreditAccount account;
            var moneyText = parse.GetValue(money);
            var secondsText = parse.GetValue(seconds);
            if (moneyText is not null)
            {
                if (secondsText is not null)
                {
                    return cli.Fail("give seconds or --money, not both", ImsCli.UsageError);
                }

                if (!TryAmount(moneyText, out var amount) || !TryAmount(parse.GetValue(rate), out var perSecond) || perSecond <= 0)
                {
                    return cli.Fail("--money needs a non-negative amount and --rate a positive amount per second, e.g. --money 5.00 --rate 0.02", ImsCli.UsageError);
                }

                account = CreditAccount.InMoney(identity, amount, perSecond);
            }
            else
            {
                if (parse.GetValue(rate) is not null)
                {
                    return cli.Fail("--rate goes with --money", ImsCli.UsageError);
                }

                if (secondsText is null || !long.TryParse(secondsText, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    return cli.Fail("give the balance as a whole number of seconds, or --money AMOUNT --rate PER_SECOND", ImsCli.UsageError);
                }

                account = CreditAccount.InSeconds(identity, value);
            }

            return await OperatorCommands.WithStoreAsync(cli, parse.GetValue(data)!, async store =>
            {
                var written = await new CreditAccounts(store).SetAsync(account, cancellationToken).ConfigureAwait(false);
                cli.Out.WriteLine($"{written.Subscriber}: {written.Describe()}");
                return 0;
            }).ConfigureAwait(false);
        });
        return set;
    }

    private static Command Show(CliOutput cli, Option<string> data)
    {
        var impu = new Argument<string>("impu") { Description = "Public identity (sip: or tel: URI)" };
        var show = new Command("show", "Show a subscriber's balance and what open sessions hold reserved") { impu };
        show.SetAction(async (parse, cancellationToken) =>
        {
            var identity = parse.GetValue(impu)!.Trim();
            return await OperatorCommands.WithStoreAsync(cli, parse.GetValue(data)!, async store =>
            {
                if (await new CreditAccounts(store).ReadAsync(identity, cancellationToken).ConfigureAwait(false) is not { } account)
                {
                    return cli.Fail($"no balance for '{identity}'");
                }

                cli.Out.WriteLine($"{account.Subscriber}: {account.Describe()}");
                return 0;
            }).ConfigureAwait(false);
        });
        return show;
    }

    private static bool IsIdentity(string value) =>
        value.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("sips:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("tel:", StringComparison.OrdinalIgnoreCase);

    private static bool TryAmount(string? text, out decimal amount)
    {
        amount = 0;
        return text is not null && decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount) && amount >= 0 && amount < 1_000_000_000m;
    }
}
