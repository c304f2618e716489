using System.Globalization;
using System.Text.RegularExpressions;
using Ims.Tests.Shared;

namespace Ims.Diameter.Tests.Vectors;

/// <summary>
/// One public vector from shared/testdata/diameter: the message bytes (.hex) and the expected
/// header and AVP tree (.txt). Read at test time; the bytes are AGPL and stay out of the repository.
/// </summary>
internal sealed partial record DiameterVector(string Name, byte[] Bytes, ExpectedHeader Header, IReadOnlyList<ExpectedAvp> Avps)
{
    public static IEnumerable<string> Names() =>
        Directory.GetFiles(TestPaths.TestData("diameter"), "*.hex").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public static IEnumerable<object[]> All() => Names().Select(n => new object[] { n });

    public static DiameterVector Load(string name)
    {
        var bytes = Convert.FromHexString(File.ReadAllText(TestPaths.TestData("diameter", name + ".hex")).Trim());
        ExpectedHeader? header = null;
        var avps = new List<ExpectedAvp>();
        foreach (var line in File.ReadAllLines(TestPaths.TestData("diameter", name + ".txt")))
        {
            if (line.StartsWith("Header:", StringComparison.Ordinal))
            {
                var h = HeaderLine().Match(line);
                Assert.IsTrue(h.Success, line);
                header = new ExpectedHeader(
                    Int(h.Groups["length"].Value), byte.Parse(h.Groups["flags"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    uint.Parse(h.Groups["code"].Value, CultureInfo.InvariantCulture), uint.Parse(h.Groups["app"].Value, CultureInfo.InvariantCulture),
                    uint.Parse(h.Groups["hbh"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                    uint.Parse(h.Groups["e2e"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                continue;
            }

            var a = AvpLine().Match(line);
            if (!a.Success)
            {
                continue;
            }

            avps.Add(new ExpectedAvp(
                a.Groups["indent"].Value.Length / 2, a.Groups["name"].Value, uint.Parse(a.Groups["code"].Value, CultureInfo.InvariantCulture),
                a.Groups["flags"].Value, a.Groups["vendor"].Success ? uint.Parse(a.Groups["vendor"].Value, CultureInfo.InvariantCulture) : 0,
                Int(a.Groups["len"].Value), a.Groups["value"].Success ? a.Groups["value"].Value : null));
        }

        Assert.IsNotNull(header, $"{name}.txt has no header line");
        Assert.IsNotEmpty(avps, $"{name}.txt lists no AVPs");
        return new DiameterVector(name, bytes, header, avps);
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"length=(?<length>\d+) .*flags=0x(?<flags>[0-9a-f]{2}) .*command-code=(?<code>\d+) .*application-id=(?<app>\d+) hop-by-hop=0x(?<hbh>[0-9a-f]+) end-to-end=0x(?<e2e>[0-9a-f]+)")]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^(?<indent>\s*)(?<name>\S+) code=(?<code>\d+) flags=(?<flags>\S+)(?: vendor=(?<vendor>\d+))? len=(?<len>\d+)(?: value=(?<value>.*)| \(Grouped\))$")]
    private static partial Regex AvpLine();
}

internal sealed record ExpectedHeader(int Length, byte Flags, uint CommandCode, uint ApplicationId, uint HopByHop, uint EndToEnd);

/// <summary>One AVP line of a .txt, in depth-first order; Value is null for grouped AVPs.</summary>
internal sealed record ExpectedAvp(int Depth, string Name, uint Code, string Flags, uint VendorId, int Length, string? Value);
