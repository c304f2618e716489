using System.CommandLine;
using Ims.Edge.Hosting;
using Ims.Hss.Provisioning;
using Ims.Storage;
using Ims.Storage.Embedded;

namespace Ims.Edge.Cli;

/// <summary>
/// `ims subscriber add|list|show|remove|import`: provisioning of the HSS's subscriber tables in the
/// embedded store under --data. The work is done by <see cref="SubscriberProvisioning"/> over an
/// <see cref="ITableStore"/>; this file only parses options and prints.
/// </summary>
internal static class SubscriberCommand
{
    public static Command Create(CliOutput cli)
    {
        var data = new Option<string>("--data")
        {
            Description = "Folder of the embedded store",
            DefaultValueFactory = _ => "./data",
            Recursive = true,
        };

        var command = new Command("subscriber", "Provision IMS subscribers (IMPI, IMPUs, AKA keys, iFCs)")
        {
            data,
            Add(cli, data),
            List(cli, data),
            Show(cli, data),
            Remove(cli, data),
            Import(cli, data),
        };
        return command;
    }

    private static Command Add(CliOutput cli, Option<string> data)
    {
        var impi = new Option<string>("--impi") { Description = "Private identity, user@domain", Required = true };
        var impus = new Option<string[]>("--impu") { Description = "Public identity (sip:, sips: or tel: URI); repeat for several", Required = true };
        var k = new Option<string>("--k") { Description = "Subscriber key K, 16 bytes hex", Required = true };
        var op = new Option<string>("--op") { Description = "Operator key OP, 16 bytes hex (OPc is derived and stored; OP is not)" };
        var opc = new Option<string>("--opc") { Description = "OPc, 16 bytes hex" };
        var amf = new Option<string>("--amf") { Description = "AMF, 2 bytes hex (default 8000)" };
        var sqn = new Option<string>("--sqn") { Description = "Starting SQN, 6 bytes hex (default 000000000000)" };
        var password = new Option<string>("--password") { Description = "Allow SIP Digest with this password (realm = the IMPI's domain)" };
        var ifc = new Option<FileInfo>("--ifc") { Description = "InitialFilterCriteria XML file (TS 29.228 Annex E)" };
        var add = new Command("add", "Add a subscriber with all its public identities") { impi, impus, k, op, opc, amf, sqn, password, ifc };
        add.SetAction(async (parse, cancellationToken) =>
        {
            string? ifcXml = null;
            if (parse.GetValue(ifc) is { } file)
            {
                if (!TryRead(file, out ifcXml, out var problem))
                {
                    return cli.Fail($"--ifc: {problem}");
                }
            }

            var spec = new SubscriberSpec
            {
                Impi = parse.GetValue(impi)!,
                Impus = [.. (parse.GetValue(impus) ?? []).Select(u => new ImpuSpec(u))],
                K = parse.GetValue(k)!,
                Op = parse.GetValue(op),
                Opc = parse.GetValue(opc),
                Amf = parse.GetValue(amf),
                Sqn = parse.GetValue(sqn),
                Password = parse.GetValue(password),
                IfcXml = ifcXml,
            };
            return await WithStoreAsync(cli, parse.GetValue(data)!, async provisioning =>
            {
                var result = await provisioning.AddAsync(spec, cancellationToken).ConfigureAwait(false);
                if (!result.IsOk)
                {
                    return cli.Fail(Join(result));
                }

                cli.Out.WriteLine($"added {spec.Impi.Trim()} with {spec.Impus.Count} IMPU(s)");
                return 0;
            }).ConfigureAwait(false);
        });
        return add;
    }

    private static Command List(CliOutput cli, Option<string> data)
    {
        var list = new Command("list", "List subscribers: IMPI then its IMPUs, one subscriber a line");
        list.SetAction(async (parse, cancellationToken) =>
            await WithStoreAsync(cli, parse.GetValue(data)!, async provisioning =>
            {
                foreach (var (impi, impus) in await provisioning.ListAsync(cancellationToken).ConfigureAwait(false))
                {
                    cli.Out.WriteLine($"{impi} {string.Join(' ', impus)}");
                }

                return 0;
            }).ConfigureAwait(false));
        return list;
    }

    private static Command Show(CliOutput cli, Option<string> data)
    {
        var (argument, option) = ImpiInputs();
        var show = new Command("show", "Show a subscriber: IMPUs with registration state and S-CSCF, SQN, schemes (never keys)") { argument, option };
        show.SetAction(async (parse, cancellationToken) =>
        {
            if (ImpiOf(parse, argument, option) is not { } impi)
            {
                return cli.Fail("give the IMPI as --impi or as an argument", ImsCli.UsageError);
            }

            return await WithStoreAsync(cli, parse.GetValue(data)!, async store =>
            {
                if (await new SubscriberProvisioning(store).ShowAsync(impi, cancellationToken).ConfigureAwait(false) is not { } view)
                {
                    return cli.Fail($"unknown IMPI '{impi}'");
                }

                foreach (var line in view.ToLines())
                {
                    cli.Out.WriteLine(line);
                }

                // What the S-CSCF registrar holds for each IMPU: the UE's contacts and when they lapse.
                foreach (var impu in view.Impus)
                {
                    foreach (var contact in await Ims.Cscf.Scscf.RegisteredContacts.ReadAsync(store, impu.Impu, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false))
                    {
                        cli.Out.WriteLine($"contact: {impu.Impu} {contact.Contact} until {contact.ExpiresAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
                    }
                }

                return 0;
            }).ConfigureAwait(false);
        });
        return show;
    }

    private static Command Remove(CliOutput cli, Option<string> data)
    {
        var (argument, option) = ImpiInputs();
        var remove = new Command("remove", "Remove a subscriber and its public identities") { argument, option };
        remove.SetAction(async (parse, cancellationToken) =>
        {
            if (ImpiOf(parse, argument, option) is not { } impi)
            {
                return cli.Fail("give the IMPI as --impi or as an argument", ImsCli.UsageError);
            }

            return await WithStoreAsync(cli, parse.GetValue(data)!, async provisioning =>
            {
                var result = await provisioning.RemoveAsync(impi, cancellationToken).ConfigureAwait(false);
                if (!result.IsOk)
                {
                    return cli.Fail(Join(result));
                }

                cli.Out.WriteLine($"removed {impi}");
                return 0;
            }).ConfigureAwait(false);
        });
        return remove;
    }

    private static Command Import(CliOutput cli, Option<string> data)
    {
        var file = new Argument<FileInfo>("file") { Description = "JSON array of subscribers (impi, impus, k, op|opc, amf, sqn, password, ifc)" };
        var import = new Command("import", "Add many subscribers from a JSON file: all of them, or none when any entry is wrong") { file };
        import.SetAction(async (parse, cancellationToken) =>
        {
            if (!TryRead(parse.GetValue(file)!, out var json, out var problem))
            {
                return cli.Fail(problem!);
            }

            return await WithStoreAsync(cli, parse.GetValue(data)!, async provisioning =>
            {
                var result = await provisioning.ImportAsync(json!, cancellationToken).ConfigureAwait(false);
                if (!result.IsOk)
                {
                    return cli.Fail($"nothing imported: {Join(result)}");
                }

                cli.Out.WriteLine("imported");
                return 0;
            }).ConfigureAwait(false);
        });
        return import;
    }

    private static (Argument<string?> Argument, Option<string> Option) ImpiInputs() =>
        (new Argument<string?>("impi") { Description = "Private identity", Arity = ArgumentArity.ZeroOrOne },
         new Option<string>("--impi") { Description = "Private identity" });

    private static string? ImpiOf(ParseResult parse, Argument<string?> argument, Option<string> option)
    {
        var value = parse.GetValue(option) ?? parse.GetValue(argument);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static Task<int> WithStoreAsync(CliOutput cli, string dataFolder, Func<SubscriberProvisioning, Task<int>> action) =>
        WithStoreAsync(cli, dataFolder, store => action(new SubscriberProvisioning(store)));

    private static async Task<int> WithStoreAsync(CliOutput cli, string dataFolder, Func<ITableStore, Task<int>> action)
    {
        // The folder's own store, or — while `ims up` holds it — the same store through the endpoint it publishes.
        var store = OperatorStore.Open(dataFolder, out var error);
        if (store is null)
        {
            return cli.Fail(error!);
        }

        try
        {
            return await action(store).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            return cli.Fail($"the store of the running ims up did not answer: {ex.Message}");
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    private static bool TryRead(FileInfo file, out string? text, out string? problem)
    {
        text = null;
        problem = null;
        try
        {
            text = File.ReadAllText(file.FullName);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"{file.FullName}: cannot read: {ex.Message}";
            return false;
        }
    }

    private static string Join(ProvisioningResult result) => string.Join("; ", result.Errors);
}
