using Ims.Edge.Sip.Transactions;
using Ims.Sip;

namespace Ims.Edge.Sip.Core;

/// <summary>What the transaction layer needs of a parsed message.</summary>
internal static class SipTransactionSummary
{
    public static SipTransactionMessage Of(SipMessage message)
    {
        var via = message.TopVia;
        // RFC 3261 17.2.3: without an RFC 3261 branch (RFC 2543 elements, RFC 4475 3.2.1) the
        // transaction is told by Call-ID and CSeq instead.
        var branch = via?.HasRfc3261Branch == true
            ? via.Branch!
            : $"rfc2543:{message.CallId}:{message.CSeq?.Number}";
        var sentBy = via?.SentBy ?? string.Empty;
        var cseqMethod = message.CSeq?.Method ?? message.Method;
        return message.IsRequest
            ? SipTransactionMessage.Request(message.Method, branch, sentBy, cseqMethod, message.Bytes)
            : SipTransactionMessage.Response(message.StatusCode, branch, sentBy, cseqMethod, message.Bytes);
    }
}
