using System.CommandLine;
using System.Globalization;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Formatting;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;

namespace Ims.Edge.Cli;

/// <summary>`ims diameter decode FILE`: prints a Diameter message (hex text or raw bytes) as a header and an indented AVP tree.</summary>
internal static class DiameterCommand
{
    public static Command Create(CliOutput cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "A Diameter message: hex text (whitespace allowed) or raw bytes" };
        var decode = new Command("decode", "Decode one Diameter message and print its header and AVP tree") { file };
        decode.SetAction(parseResult => Decode(cli, parseResult.GetValue(file)!));
        return new Command("diameter", "Diameter tools") { decode };
    }

    private static int Decode(CliOutput cli, FileInfo file)
    {
        if (!file.Exists)
        {
            return cli.Fail($"{file.FullName}: no such file");
        }

        var bytes = ReadMessage(File.ReadAllBytes(file.FullName));
        var result = DiameterDecoder.Decode(bytes);
        if (!result.IsSuccess)
        {
            return cli.Fail($"{file.Name}: cannot decode: {result.Error}");
        }

        Print(cli.Out, result.Message, bytes.Length);
        return 0;
    }

    // Hex text when every byte is a hex digit or whitespace (an optional 0x prefix allowed); raw bytes otherwise.
    private static byte[] ReadMessage(byte[] content)
    {
        var text = new string([.. content.Select(b => (char)b).Where(c => !char.IsWhiteSpace(c))]);
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }

        return text.Length > 0 && text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit) ? Convert.FromHexString(text) : content;
    }

    private static void Print(TextWriter output, DiameterMessage message, int length)
    {
        var header = message.Header;
        var command = DiameterDictionary.Ims.FindCommand(header.ApplicationId, header.CommandCode)
            ?? DiameterDictionary.Ims.FindCommandByCode(header.CommandCode);
        var name = command is null
            ? $"Command-{header.CommandCode}"
            : $"{command.FullName(header.IsRequest)} ({command.Abbreviation(header.IsRequest)})";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name} code={header.CommandCode} flags={DiameterAvpFormatter.FormatFlags(header.Flags)} application={header.ApplicationId} ({new DiameterApplicationId(header.ApplicationId).Name}) hop-by-hop=0x{header.HopByHopId:x8} end-to-end=0x{header.EndToEndId:x8} length={length}"));
        PrintAvps(output, message.Avps, 1);
    }

    private static void PrintAvps(TextWriter output, IReadOnlyList<DiameterAvp> avps, int depth)
    {
        foreach (var avp in avps)
        {
            var definition = DiameterDictionary.Ims.FindAvp(avp.Code, avp.VendorId);
            var indent = new string(' ', depth * 2);
            var vendor = avp.VendorId != 0 ? string.Create(CultureInfo.InvariantCulture, $" vendor={avp.VendorId}") : "";
            var value = avp.IsGrouped ? "(grouped)" : "= " + DiameterAvpFormatter.FormatValue(avp, definition);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{indent}{definition?.Name ?? "Unknown-AVP"} code={avp.Code}{vendor} flags={DiameterAvpFormatter.FormatFlags(avp.Flags)} len={Ims.Diameter.Codec.DiameterEncoder.GetAvpLength(avp)} {value}"));
            PrintAvps(output, avp.Children, depth + 1);
        }
    }
}
