using System.Text;
using Ims.Sip.Parsing;

namespace Ims.Sip.Tests;

[TestClass]
public sealed class StreamFramingTests
{
    [TestMethod]
    public void EveryPrefixNeedsMoreUntilTheWholeMessageIsThere()
    {
        var bytes = ImsMessages.Bytes(ImsMessages.Invite);

        for (var length = 0; length < bytes.Length; length++)
        {
            var frame = SipStreamFraming.Frame(bytes.AsSpan(0, length));
            Assert.IsTrue(frame.NeedsMore, $"prefix {length}: {frame}");
        }

        Assert.AreEqual(new SipStreamFrame(0, bytes.Length, SipParseError.None), SipStreamFraming.Frame(bytes));
    }

    [TestMethod]
    public void KeepAliveCrlfsAreSkippedAndTheFirstOfTwoMessagesIsFramed()
    {
        var first = ImsMessages.Bytes(ImsMessages.Register);
        var both = "\r\n\r\n"u8.ToArray().Concat(first).Concat(ImsMessages.Bytes(ImsMessages.Invite)).ToArray();

        var frame = SipStreamFraming.Frame(both);

        Assert.AreEqual(4, frame.Skip);
        Assert.AreEqual(first.Length, frame.Length);
        Assert.AreEqual(SipStreamFraming.Frame("\r\n\r\n"u8), new SipStreamFrame(4, 0, SipParseError.None));
    }

    [TestMethod]
    [DataRow("Content-Length: -1", SipParseError.InvalidContentLength)]
    [DataRow("Content-Length: abc", SipParseError.InvalidContentLength)]
    [DataRow("X-No-Length: 0", SipParseError.MissingContentLength)]
    public void AStreamThatCannotBeFramedSaysWhy(string replacement, SipParseError error)
    {
        var text = ImsMessages.Register.Replace("Content-Length: 0", replacement, StringComparison.Ordinal);

        Assert.AreEqual(error, SipStreamFraming.Frame(Encoding.ASCII.GetBytes(text)).Error);
    }

    [TestMethod]
    public void AHeadThatNeverEndsIsRefusedAtTheSizeLimit()
    {
        var endless = Encoding.ASCII.GetBytes("INVITE sip:a@b SIP/2.0\r\n" + string.Concat(Enumerable.Repeat($"X-A: {new string('b', 4_000)}\r\n", 20)));
        var crowded = Encoding.ASCII.GetBytes("INVITE sip:a@b SIP/2.0\r\n" + string.Concat(Enumerable.Repeat("X-A: b\r\n", 9_000)));

        Assert.AreEqual(SipParseError.MessageTooLarge, SipStreamFraming.Frame(endless).Error);
        Assert.AreEqual(SipParseError.TooManyHeaders, SipStreamFraming.Frame(crowded).Error);
    }
}
