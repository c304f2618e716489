using System.CommandLine;
using Ims.Aka.Hex;
using Ims.Aka.Milenage;
using Ims.Aka.Vectors;

namespace Ims.Edge.Cli;

/// <summary>
/// `ims aka milenage`: runs Milenage (TS 35.206) for one K, OP or OPc, RAND, SQN and AMF and prints
/// every output, so an operator can check a SIM profile or an HSS against a UE trace.
/// </summary>
internal static class AkaCommand
{
    public static Command Create(CliOutput cli)
    {
        var k = new Option<string>("--k") { Description = "Subscriber key K, 16 bytes hex", Required = true };
        var op = new Option<string>("--op") { Description = "Operator key OP, 16 bytes hex (or give --opc)" };
        var opc = new Option<string>("--opc") { Description = "Derived OPc, 16 bytes hex (or give --op)" };
        var rand = new Option<string>("--rand") { Description = "RAND, 16 bytes hex", Required = true };
        var sqn = new Option<string>("--sqn") { Description = "SQN, 6 bytes hex", Required = true };
        var amf = new Option<string>("--amf") { Description = "AMF, 2 bytes hex", Required = true };

        var milenage = new Command("milenage", "Print OPc, MAC-A, MAC-S, RES, CK, IK, AK, AK* and AUTN (TS 35.206)")
        {
            k, op, opc, rand, sqn, amf,
        };
        milenage.SetAction(parseResult => Milenage(
            cli,
            new MilenageInput(
                parseResult.GetValue(k),
                parseResult.GetValue(op),
                parseResult.GetValue(opc),
                parseResult.GetValue(rand),
                parseResult.GetValue(sqn),
                parseResult.GetValue(amf))));

        return new Command("aka", "IMS AKA tools (Milenage, TS 35.206)") { milenage };
    }

    private static int Milenage(CliOutput cli, MilenageInput input)
    {
        if ((input.Op is null) == (input.Opc is null))
        {
            return cli.Fail("give exactly one of --op and --opc");
        }

        var usesOp = input.Op is not null;
        var k = HexField.Parse("--k", input.K, SubscriberKeys.KeyLength);
        var operatorKey = usesOp
            ? HexField.Parse("--op", input.Op, SubscriberKeys.KeyLength)
            : HexField.Parse("--opc", input.Opc, SubscriberKeys.KeyLength);
        var rand = HexField.Parse("--rand", input.Rand, MilenageAlgorithm.RandLength);
        var sqn = HexField.Parse("--sqn", input.Sqn, MilenageAlgorithm.SqnLength);
        var amf = HexField.Parse("--amf", input.Amf, MilenageAlgorithm.AmfLength);
        foreach (var field in new[] { k, operatorKey, rand, sqn, amf })
        {
            if (!field.Succeeded)
            {
                return cli.Fail(field.Message);
            }
        }

        var keys = usesOp
            ? SubscriberKeys.FromOp(k.Value, operatorKey.Value)
            : SubscriberKeys.FromOpc(k.Value, operatorKey.Value);
        using var milenage = new MilenageAlgorithm(keys);
        var macA = milenage.F1(rand.Value, sqn.Value, amf.Value);
        var output = milenage.F2345(rand.Value);
        var autn = Autn.Compose(sqn.Value, output.Ak.Span, amf.Value, macA);

        // TS 33.102 6.3.3: MAC-S is f1* over the dummy AMF 0000 in a real AUTS, but an operator comparing
        // with TS 35.208 test sets wants f1* over the AMF given, which is what is printed here.
        Write(cli.Out, "OPc", keys.Opc.Span);
        Write(cli.Out, "MAC-A", macA);
        Write(cli.Out, "MAC-S", milenage.F1Star(rand.Value, sqn.Value, amf.Value));
        Write(cli.Out, "RES", output.Res.Span);
        Write(cli.Out, "CK", output.Ck.Span);
        Write(cli.Out, "IK", output.Ik.Span);
        Write(cli.Out, "AK", output.Ak.Span);
        Write(cli.Out, "AK*", milenage.F5Star(rand.Value));
        Write(cli.Out, "AUTN", autn);
        return 0;
    }

    private static void Write(TextWriter output, string name, ReadOnlySpan<byte> value) =>
        output.WriteLine($"{name}: {HexField.Format(value)}");

    // A class, not a record: a record's ToString would print K and OPc.
    private sealed class MilenageInput(string? k, string? op, string? opc, string? rand, string? sqn, string? amf)
    {
        public string? K { get; } = k;

        public string? Op { get; } = op;

        public string? Opc { get; } = opc;

        public string? Rand { get; } = rand;

        public string? Sqn { get; } = sqn;

        public string? Amf { get; } = amf;
    }
}
