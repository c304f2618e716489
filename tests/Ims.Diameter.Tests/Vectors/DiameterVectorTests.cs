using System.Globalization;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Formatting;
using Ims.Diameter.Messages;
using Ims.Diameter.Validation;

namespace Ims.Diameter.Tests.Vectors;

[TestClass]
public sealed class DiameterVectorTests
{
    public static IEnumerable<object[]> Vectors => DiameterVector.All();

    [TestMethod]
    public void EveryPublicVectorIsPresent()
    {
        Assert.HasCount(8, DiameterVector.Names().ToList());
    }

    [TestMethod]
    [DynamicData(nameof(Vectors))]
    public void DecodesHeaderAsListedInTheVector(string name)
    {
        var vector = DiameterVector.Load(name);
        var result = DiameterDecoder.Decode(vector.Bytes);

        Assert.IsTrue(result.IsSuccess, result.Error?.ToString());
        var header = result.Message.Header;
        Assert.AreEqual(vector.Header.Length, vector.Bytes.Length);
        Assert.AreEqual(vector.Header.Flags, (byte)header.Flags);
        Assert.AreEqual(vector.Header.CommandCode, header.CommandCode);
        Assert.AreEqual(vector.Header.ApplicationId, header.ApplicationId);
        Assert.AreEqual(vector.Header.HopByHop, header.HopByHopId);
        Assert.AreEqual(vector.Header.EndToEnd, header.EndToEndId);
        Assert.AreEqual(vector.Header.Length, DiameterEncoder.GetEncodedLength(result.Message));
    }

    [TestMethod]
    [DynamicData(nameof(Vectors))]
    public void DecodesAvpTreeAsListedInTheVector(string name)
    {
        var vector = DiameterVector.Load(name);
        var message = DiameterDecoder.Decode(vector.Bytes).Message!;
        var actual = Flatten(message.Avps, 0).ToList();

        Assert.HasCount(vector.Avps.Count, actual);
        for (var i = 0; i < actual.Count; i++)
        {
            var (depth, avp) = actual[i];
            var expected = vector.Avps[i];
            var definition = DiameterDictionary.Ims.FindAvp(avp.Code, avp.VendorId);
            var where = $"{name} AVP #{i} {expected.Name}";
            Assert.AreEqual(expected.Depth, depth, where);
            Assert.AreEqual(expected.Code, avp.Code, where);
            Assert.AreEqual(expected.VendorId, avp.VendorId, where);
            Assert.AreEqual(expected.Flags, DiameterAvpFormatter.FormatFlags(avp.Flags), where);
            Assert.AreEqual(expected.Length, DiameterEncoder.GetAvpLength(avp), where);
            Assert.IsNotNull(definition, where);
            Assert.AreEqual(expected.Name, definition.Name, where);
            Assert.AreEqual(expected.Value is null, avp.IsGrouped, where);
            if (expected.Value is { } value)
            {
                AssertValue(value, avp, where);
            }
        }
    }

    [TestMethod]
    [DynamicData(nameof(Vectors))]
    public void ReencodesToIdenticalBytes(string name)
    {
        var vector = DiameterVector.Load(name);
        var message = DiameterDecoder.Decode(vector.Bytes).Message!;

        CollectionAssert.AreEqual(vector.Bytes, DiameterEncoder.Encode(message));
    }

    [TestMethod]
    [DynamicData(nameof(Vectors))]
    public void PassesRequestValidation(string name)
    {
        var message = DiameterDecoder.Decode(DiameterVector.Load(name).Bytes).Message!;

        Assert.IsNull(DiameterRequestValidator.Validate(message));
    }

    [TestMethod]
    [DynamicData(nameof(Vectors))]
    public void FramingFindsTheWholeMessageAndAsksForMoreOnEveryPrefix(string name)
    {
        var bytes = DiameterVector.Load(name).Bytes;
        for (var cut = 0; cut < bytes.Length; cut++)
        {
            Assert.AreEqual(DiameterFramingStatus.NeedMore, DiameterFraming.TryGetMessageLength(bytes.AsSpan(0, cut), out _), $"prefix {cut}");
        }

        var twoMessages = bytes.Concat(bytes).ToArray();
        Assert.AreEqual(DiameterFramingStatus.Complete, DiameterFraming.TryGetMessageLength(twoMessages, out var length));
        Assert.AreEqual(bytes.Length, length);
    }

    private static void AssertValue(string expected, DiameterAvp avp, string where)
    {
        if (expected.StartsWith('\''))
        {
            Assert.AreEqual(expected.Trim('\''), avp.GetString(), where);
        }
        else if (expected.StartsWith("0x", StringComparison.Ordinal))
        {
            Assert.AreEqual(expected[2..], Convert.ToHexStringLower(avp.Data.Span), where);
        }
        else
        {
            Assert.IsTrue(avp.TryGetUnsigned32(out var number), where);
            Assert.AreEqual(uint.Parse(expected, CultureInfo.InvariantCulture), number, where);
        }
    }

    private static IEnumerable<(int Depth, DiameterAvp Avp)> Flatten(IReadOnlyList<DiameterAvp> avps, int depth)
    {
        foreach (var avp in avps)
        {
            yield return (depth, avp);
            foreach (var child in Flatten(avp.Children, depth + 1))
            {
                yield return child;
            }
        }
    }
}
