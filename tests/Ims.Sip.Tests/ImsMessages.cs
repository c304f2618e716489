using System.Text;

namespace Ims.Sip.Tests;

/// <summary>Typical IMS messages (TS 24.229 flows) for the typed-header, editor and framing tests.</summary>
internal static class ImsMessages
{
    public const string Register =
        "REGISTER sip:ims.mnc001.mcc001.3gppnetwork.org SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-524287-1;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:alice@ims.mnc001.mcc001.3gppnetwork.org>;tag=4fa3\r\n" +
        "To: <sip:alice@ims.mnc001.mcc001.3gppnetwork.org>\r\n" +
        "Call-ID: reg-1@127.0.0.1\r\n" +
        "CSeq: 2 REGISTER\r\n" +
        "Contact: <sip:alice@127.0.0.1:5070;transport=udp>;expires=600;+sip.instance=\"<urn:gsma:imei:35209900-176148-1>\";reg-id=1;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel\"\r\n" +
        "Path: <sip:term@pcscf.ims.mnc001.mcc001.3gppnetwork.org:5060;lr>\r\n" +
        "Authorization: Digest username=\"alice@ims.mnc001.mcc001.3gppnetwork.org\", realm=\"ims.mnc001.mcc001.3gppnetwork.org\", " +
        "nonce=\"3q2+7w==\", uri=\"sip:ims.mnc001.mcc001.3gppnetwork.org\", response=\"6629fae49393a05397450978507c4ef1\", " +
        "algorithm=AKAv1-MD5, qop=auth, nc=00000001, cnonce=\"0a4f113b\", integrity-protected=\"yes\"\r\n" +
        "Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1111;spi-s=2222;port-c=5062;port-s=5064, ipsec-3gpp;alg=hmac-md5-96;spi-c=1111;spi-s=2222;port-c=5062;port-s=5064\r\n" +
        "Require: sec-agree\r\n" +
        "Proxy-Require: sec-agree\r\n" +
        "Supported: path, gruu\r\n" +
        "P-Visited-Network-ID: \"visited.net\"\r\n" +
        "P-Charging-Vector: icid-value=\"AyretyU0dm+6O2IrT5tAFrbHLso=023551024\";orig-ioi=visited.net\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, MESSAGE, OPTIONS, UPDATE\r\n" +
        "Expires: 600\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    public const string Sdp =
        "v=0\r\n" +
        "o=- 2890844526 2890842807 IN IP4 127.0.0.1\r\n" +
        "s=-\r\n" +
        "c=IN IP4 127.0.0.1\r\n" +
        "t=0 0\r\n" +
        "m=audio 49170 RTP/AVP 104 110 102 108 105 100\r\n" +
        "b=AS:49\r\n" +
        "a=rtpmap:104 AMR-WB/16000/1\r\n" +
        "a=rtpmap:110 AMR-WB/16000/1\r\n" +
        "a=curr:qos local none\r\n" +
        "a=des:qos mandatory local sendrecv\r\n";

    public static readonly string Invite =
        "INVITE sip:bob@ims.mnc001.mcc001.3gppnetwork.org SIP/2.0\r\n" +
        "Via: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK-inv-1\r\n" +
        "Max-Forwards: 70\r\n" +
        "Route: <sip:orig@scscf.ims.mnc001.mcc001.3gppnetwork.org:6060;lr>, <sip:as.ims.example:7060;lr>\r\n" +
        "From: \"Alice\" <sip:alice@ims.mnc001.mcc001.3gppnetwork.org>;tag=a1\r\n" +
        "To: <sip:bob@ims.mnc001.mcc001.3gppnetwork.org>\r\n" +
        "Call-ID: call-1@127.0.0.1\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Contact: <sip:alice@127.0.0.1:5070;transport=tcp>\r\n" +
        "P-Asserted-Identity: <sip:alice@ims.mnc001.mcc001.3gppnetwork.org>, <tel:+15550100>\r\n" +
        "P-Charging-Function-Addresses: ccf=192.0.2.10;ecf=192.0.2.20\r\n" +
        "Accept-Contact: *;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel\"\r\n" +
        "Content-Type: application/sdp\r\n" +
        $"Content-Length: {Sdp.Length}\r\n" +
        "\r\n" + Sdp;

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
