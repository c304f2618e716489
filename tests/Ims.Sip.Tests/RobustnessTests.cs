using System.Buffers;
using Ims.Sip.Parsing;

namespace Ims.Sip.Tests;

/// <summary>Attacker-controlled bytes: nothing throws, every failure is a typed error, limits hold.</summary>
[TestClass]
public sealed class RobustnessTests
{
    public static IEnumerable<object[]> AllVectors() =>
        new[] { "sip-torture", "sip-torture-ipv6" }
            .SelectMany(folder => TortureVectors.Index(folder).Select(r => new object[] { folder, r.File }));

    [TestMethod]
    [DynamicData(nameof(AllVectors))]
    public void EveryPrefixParsesOrFailsWithAnErrorAndNeverThrows(string folder, string file)
    {
        var bytes = TortureVectors.Bytes(folder, file);

        for (var length = 0; length <= bytes.Length; length++)
        {
            var result = SipMessage.Parse(bytes.AsMemory(0, length));
            Assert.IsTrue(result.IsValid || result.Error != SipParseError.None, $"prefix {length}");
            var frame = SipStreamFraming.Frame(bytes.AsSpan(0, length));
            Assert.IsTrue(frame.Length <= length - frame.Skip, $"frame of prefix {length} past the data");
        }
    }

    [TestMethod]
    [DynamicData(nameof(AllVectors))]
    public void RandomByteFlipsNeverThrow(string folder, string file)
    {
        var original = TortureVectors.Bytes(folder, file);
        var random = new Random(4475);
        for (var round = 0; round < 300; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var result = SipMessage.Parse(bytes);
            if (result.Message is { } message)
            {
                // Typed access on a damaged message reads as null or empty; it never throws.
                _ = (message.Vias, message.From, message.To, message.CSeq, message.Contacts, message.Routes, message.Authorization, message.RequestUri);
            }
        }
    }

    [TestMethod]
    public void ASequenceSplitOneBytePerSegmentParsesLikeTheArray()
    {
        var bytes = ImsMessages.Bytes(ImsMessages.Invite);
        var sequence = Segments.OneBytePer(bytes);

        var split = SipMessage.Parse(sequence);
        var whole = SipMessage.Parse(bytes);

        Assert.IsTrue(split.IsValid, split.Reason);
        Assert.AreEqual(whole.Message!.CallId, split.Message!.CallId);
        Assert.AreEqual(whole.Message.HeaderCount, split.Message.HeaderCount);
        CollectionAssert.AreEqual(whole.Message.Body.ToArray(), split.Message.Body.ToArray());
    }

    [TestMethod]
    public void MessageOverTheSizeLimitIsRefusedWith513()
    {
        var padding = new string('a', 70_000);
        var bytes = ImsMessages.Bytes(ImsMessages.Register.Replace("Expires: 600\r\n", $"X-Pad: {padding}\r\nExpires: 600\r\n", StringComparison.Ordinal));

        var result = SipMessage.Parse(bytes);

        Assert.AreEqual(SipParseError.MessageTooLarge, result.Error);
        Assert.AreEqual(513, result.StatusCode);
    }

    [TestMethod]
    public void TooManyHeadersAndTooLongLinesAreRefused()
    {
        var many = ImsMessages.Register.Replace("Expires: 600\r\n", string.Concat(Enumerable.Repeat("X-A: b\r\n", 300)) + "Expires: 600\r\n", StringComparison.Ordinal);
        var longLine = ImsMessages.Register.Replace("Expires: 600\r\n", $"X-Long: {new string('b', 9_000)}\r\nExpires: 600\r\n", StringComparison.Ordinal);

        Assert.AreEqual(SipParseError.TooManyHeaders, SipMessage.Parse(ImsMessages.Bytes(many)).Error);
        Assert.AreEqual(SipParseError.LineTooLong, SipMessage.Parse(ImsMessages.Bytes(longLine)).Error);
        Assert.AreEqual(SipParseError.TooManyHeaders, SipMessage.Parse(ImsMessages.Bytes(ImsMessages.Register), limits: new SipParserLimits { MaxHeaderCount = 5 }).Error);
    }

    [TestMethod]
    public void NonNumericCSeqIsRefused()
    {
        // tshark does not flag this one (shared/TESTING.md), so our parser must.
        var result = SipMessage.Parse(ImsMessages.Bytes(ImsMessages.Register.Replace("CSeq: 2 REGISTER", "CSeq: two REGISTER", StringComparison.Ordinal)));

        Assert.AreEqual(SipParseError.InvalidCSeq, result.Error);
        Assert.IsNotNull(result.Message, "parsed with error: a 400 can still be built from it");
    }

    [TestMethod]
    public void ContentLengthLongerThanTheDatagramIsRefused()
    {
        var result = SipMessage.Parse(ImsMessages.Bytes(ImsMessages.Register.Replace("Content-Length: 0", "Content-Length: 10", StringComparison.Ordinal)));

        Assert.AreEqual(SipParseError.ContentLengthExceedsMessage, result.Error);
        Assert.AreEqual(400, result.StatusCode);
    }

    [TestMethod]
    public void MissingContentLengthIsAcceptedOnADatagramAndRefusedOnAStream()
    {
        var bytes = ImsMessages.Bytes(ImsMessages.Register.Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal));

        Assert.IsTrue(SipMessage.Parse(bytes, SipFramingMode.Datagram).IsValid);
        Assert.AreEqual(SipParseError.MissingContentLength, SipMessage.Parse(bytes, SipFramingMode.Stream).Error);
    }
}

/// <summary>Builds a ReadOnlySequence from many segments, to exercise multi-segment paths.</summary>
internal sealed class Segments : ReadOnlySequenceSegment<byte>
{
    private Segments(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public static ReadOnlySequence<byte> OneBytePer(byte[] bytes)
    {
        var first = new Segments(bytes.AsMemory(0, 1), 0);
        var last = first;
        for (var i = 1; i < bytes.Length; i++)
        {
            var next = new Segments(bytes.AsMemory(i, 1), i);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, 1);
    }
}
