using Ims.Sip;
using Ims.Sip.Parsing;

namespace Ims.Edge.Sip.Transport;

/// <summary>The stream framer of the SIP library, in the shape the TCP transport takes.</summary>
public static class SipMessageFraming
{
    public static SipFrame Frame(ReadOnlySpan<byte> buffer)
    {
        var frame = SipStreamFraming.Frame(buffer);
        return frame.Error == SipParseError.None
            ? new SipFrame(frame.Skip, frame.Length, null)
            : SipFrame.Broken(frame.Error.Describe());
    }
}
