using System.Text;
using BenchmarkDotNet.Attributes;
using Ims.Sip;
using Ims.Sip.Building;
using Ims.Sip.Parsing;

namespace Ims.Benchmarks;

/// <summary>
/// The SIP hot path: the head parser alone (start line + header index into a reused array: the
/// zero-allocation part), a full parse with validation, typed-header access, and a proxy rewrite.
/// </summary>
[MemoryDiagnoser]
public class SipBenchmarks
{
    private const string Sdp =
        "v=0\r\no=- 2890844526 2890842807 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        "m=audio 49170 RTP/AVP 104 110 102 108 105 100\r\nb=AS:49\r\na=rtpmap:104 AMR-WB/16000/1\r\n" +
        "a=rtpmap:110 AMR-WB/16000/1\r\na=curr:qos local none\r\na=des:qos mandatory local sendrecv\r\n";

    private static readonly byte[] Register = Encoding.ASCII.GetBytes(
        "REGISTER sip:ims.mnc001.mcc001.3gppnetwork.org SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-524287-1;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:alice@ims.mnc001.mcc001.3gppnetwork.org>;tag=4fa3\r\n" +
        "To: <sip:alice@ims.mnc001.mcc001.3gppnetwork.org>\r\n" +
        "Call-ID: reg-1@127.0.0.1\r\n" +
        "CSeq: 2 REGISTER\r\n" +
        "Contact: <sip:alice@127.0.0.1:5070;transport=udp>;expires=600;+sip.instance=\"<urn:gsma:imei:35209900-176148-1>\";reg-id=1\r\n" +
        "Path: <sip:term@pcscf.ims.mnc001.mcc001.3gppnetwork.org:5060;lr>\r\n" +
        "Authorization: Digest username=\"alice@ims.mnc001.mcc001.3gppnetwork.org\", realm=\"ims.mnc001.mcc001.3gppnetwork.org\", " +
        "nonce=\"3q2+7w==\", uri=\"sip:ims.mnc001.mcc001.3gppnetwork.org\", response=\"6629fae49393a05397450978507c4ef1\", " +
        "algorithm=AKAv1-MD5, qop=auth, nc=00000001, cnonce=\"0a4f113b\", integrity-protected=\"yes\"\r\n" +
        "Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1111;spi-s=2222;port-c=5062;port-s=5064\r\n" +
        "Require: sec-agree\r\nProxy-Require: sec-agree\r\nSupported: path, gruu\r\n" +
        "P-Visited-Network-ID: \"visited.net\"\r\n" +
        "P-Charging-Vector: icid-value=\"AyretyU0dm+6O2IrT5tAFrbHLso=023551024\"\r\n" +
        "Expires: 600\r\nContent-Length: 0\r\n\r\n");

    private static readonly byte[] Invite = Encoding.ASCII.GetBytes(
        "INVITE sip:bob@ims.mnc001.mcc001.3gppnetwork.org SIP/2.0\r\n" +
        "Via: SIP/2.0/TCP 127.0.0.1:5070;branch=z9hG4bK-inv-1\r\n" +
        "Max-Forwards: 70\r\n" +
        "Route: <sip:orig@scscf.ims.mnc001.mcc001.3gppnetwork.org:6060;lr>\r\n" +
        "From: \"Alice\" <sip:alice@ims.mnc001.mcc001.3gppnetwork.org>;tag=a1\r\n" +
        "To: <sip:bob@ims.mnc001.mcc001.3gppnetwork.org>\r\n" +
        "Call-ID: call-1@127.0.0.1\r\nCSeq: 1 INVITE\r\n" +
        "Contact: <sip:alice@127.0.0.1:5070;transport=tcp>\r\n" +
        "P-Asserted-Identity: <sip:alice@ims.mnc001.mcc001.3gppnetwork.org>\r\n" +
        "Content-Type: application/sdp\r\n" +
        $"Content-Length: {Sdp.Length}\r\n\r\n" + Sdp);

    private readonly SipHeaderField[] _index = new SipHeaderField[64];
    private SipMessage _register = null!;

    [GlobalSetup]
    public void Setup() => _register = SipMessage.Parse(Register).Message!;

    [Benchmark]
    public int HeadIndexRegister()
    {
        SipHeadParser.Parse(Register, _index, SipParserLimits.Default, out var head);
        return head.HeaderCount;
    }

    [Benchmark]
    public int HeadIndexInvite()
    {
        SipHeadParser.Parse(Invite, _index, SipParserLimits.Default, out var head);
        return head.HeaderCount;
    }

    [Benchmark]
    public bool ParseAndValidateRegister() => SipMessage.Parse(Register).IsValid;

    [Benchmark]
    public bool ParseAndValidateInvite() => SipMessage.Parse(Invite).IsValid;

    [Benchmark]
    public string? TypedAuthorizationAndContact()
    {
        var message = SipMessage.Parse(Register).Message!;
        return message.Authorization?.Response + message.Contacts[0].Instance;
    }

    [Benchmark]
    public int SerializeAfterViaPush() =>
        new SipMessageEditor(_register)
            .AddFirst("Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-pcscf-1")
            .DecrementMaxForwards()
            .ToArray().Length;
}
