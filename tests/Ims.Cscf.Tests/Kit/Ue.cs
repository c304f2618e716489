using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ims.Aka.Milenage;
using Ims.Aka.Usim;
using Ims.Hss.Provisioning;
using Ims.Sip;
using Ims.Sip.Syntax;

namespace Ims.Cscf.Tests.Kit;

/// <summary>
/// A simulated IMS UE: writes REGISTER requests as a UE sends them to its P-CSCF, and answers the
/// network's challenge with a USIM (Ims.Aka's USIM side, which checks AUTN and SQN freshness) or a
/// password. The Digest response itself is computed here with MD5 straight from RFC 2617, not with
/// the library the S-CSCF verifies it with.
/// </summary>
internal sealed class Ue : IDisposable
{
    // TS 35.208 test set 1.
    public const string K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    public const string Op = "cdc202d5123e20f62b6d676ac72cb318";

    private readonly MilenageAlgorithm _milenage;
    private int _cseq;
    private int _branch;

    public Ue(string user = "alice", string source = "10.0.0.1:5061", string? password = null, string k = K)
    {
        Impi = $"{user}@{ImsNetwork.Domain}";
        Impu = $"sip:{user}@{ImsNetwork.Domain}";
        Source = source;
        Password = password;
        Contact = $"sip:{user}@{source}";
        CallId = $"reg-{user}-{source.Replace(':', '-')}";
        _milenage = new MilenageAlgorithm(SubscriberKeys.FromOp(Convert.FromHexString(k), Convert.FromHexString(Op)));
    }

    public string Impi { get; }

    public string Impu { get; }

    public string Source { get; }

    public string Contact { get; }

    public string CallId { get; }

    public string? Password { get; }

    /// <summary>The USIM's SQN memory (TS 33.102 C.2.2), advanced by each accepted challenge.</summary>
    public UsimSqnState Sqn { get; set; } = UsimSqnState.Initial;

    public string Cnonce { get; set; } = "0a4f113b";

    public static SubscriberSpec Alice(string? password = null) => new()
    {
        Impi = "alice@ims.example",
        Impus =
        [
            new ImpuSpec("sip:alice@ims.example"),
            new ImpuSpec("tel:+15550100"),
            new ImpuSpec("sip:alice-barred@ims.example", Barred: true),
            new ImpuSpec("sip:alice-work@ims.example", ImplicitSet: "2"),
        ],
        K = K,
        Op = Op,
        Password = password,
    };

    public static SubscriberSpec Named(string user, string? password = null) => new()
    {
        Impi = $"{user}@ims.example",
        Impus = [new ImpuSpec($"sip:{user}@ims.example")],
        K = K,
        Op = Op,
        Password = password,
    };

    /// <summary>
    /// A REGISTER as the UE sends it to the P-CSCF (TS 24.229 5.1.1.2): preloaded Route to the
    /// P-CSCF, Path supported, Contact with an expires parameter (or "*" with Expires 0).
    /// </summary>
    public byte[] Register(int? expires = 600, string? authorization = null, bool wildcard = false, int maxForwards = 70, string? extraHeaders = null, string? contact = null)
    {
        var cseq = ++_cseq;
        var branch = ++_branch;
        var builder = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"REGISTER sip:{ImsNetwork.Domain} SIP/2.0\r\n")
            .Append(CultureInfo.InvariantCulture, $"Via: SIP/2.0/UDP {Source};branch=z9hG4bKue{branch};rport\r\n")
            .Append(CultureInfo.InvariantCulture, $"Max-Forwards: {maxForwards}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Route: <{ImsNetwork.PcscfUri};lr>\r\n")
            .Append(CultureInfo.InvariantCulture, $"From: <{Impu}>;tag=ue{CallId.Length}\r\n")
            .Append(CultureInfo.InvariantCulture, $"To: <{Impu}>\r\n")
            .Append(CultureInfo.InvariantCulture, $"Call-ID: {CallId}\r\n")
            .Append(CultureInfo.InvariantCulture, $"CSeq: {cseq} REGISTER\r\n");
        if (wildcard)
        {
            builder.Append("Contact: *\r\nExpires: 0\r\n");
        }
        else
        {
            builder.Append(CultureInfo.InvariantCulture, $"Contact: <{contact ?? Contact}>{(expires is { } e ? $";expires={e}" : string.Empty)}\r\n");
        }

        if (authorization is not null)
        {
            builder.Append(CultureInfo.InvariantCulture, $"Authorization: {authorization}\r\n");
        }

        builder.Append("Supported: path\r\n");
        if (extraHeaders is not null)
        {
            builder.Append(extraHeaders);
        }

        builder.Append("User-Agent: cscf-tests\r\nContent-Length: 0\r\n\r\n");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>TS 24.229 5.1.1.2.1: the first REGISTER carries the IMPI with an empty nonce and response.</summary>
    public string InitialAuthorization() =>
        $"Digest username=\"{Impi}\", realm=\"{ImsNetwork.Domain}\", uri=\"sip:{ImsNetwork.Domain}\", nonce=\"\", response=\"\"";

    /// <summary>The answer to a 401: the USIM checks AUTN, the response is RFC 2617 MD5 with RES as password (RFC 3310 3.4).</summary>
    public AkaAnswer AnswerAka(SipMessage challenge, string nc = "00000001")
    {
        var www = challenge.WwwAuthenticate ?? throw new AssertFailedException("401 without WWW-Authenticate");
        Assert.AreEqual("AKAv1-MD5", www.Algorithm);
        var nonce = www.Nonce!;
        var bytes = Convert.FromBase64String(nonce);
        Assert.HasCount(32, bytes, "nonce = base64(RAND || AUTN)");
        var answer = UsimAuthentication.Answer(_milenage, Sqn, bytes.AsSpan(0, 16), bytes.AsSpan(16, 16));
        Assert.IsTrue(answer.Succeeded, $"the USIM refused the network: {answer.Message}");
        var realm = www.Realm!;
        if (answer.Value.Kind == UsimAnswerKind.SynchronisationFailure)
        {
            // RFC 3310 3.4: AUTS, with the response computed over an empty password.
            var auts = Convert.ToBase64String(answer.Value.Auts.Span);
            var empty = Md5Digest.Response(Md5Digest.Ha1(Impi, realm, []), nonce, nc, Cnonce, "REGISTER", $"sip:{ImsNetwork.Domain}");
            return new AkaAnswer(answer.Value, Credentials(realm, nonce, empty, "AKAv1-MD5", nc, $", auts=\"{auts}\""));
        }

        Sqn = answer.Value.State;
        var res = answer.Value.Response!.Res.Span;
        var response = Md5Digest.Response(Md5Digest.Ha1(Impi, realm, res), nonce, nc, Cnonce, "REGISTER", $"sip:{ImsNetwork.Domain}");
        return new AkaAnswer(answer.Value, Credentials(realm, nonce, response, "AKAv1-MD5", nc));
    }

    /// <summary>The answer to an MD5 challenge with the password (RFC 2617 3.2.2).</summary>
    public string AnswerMd5(SipMessage challenge, string? password = null, string nc = "00000001")
    {
        var www = challenge.WwwAuthenticate ?? throw new AssertFailedException("401 without WWW-Authenticate");
        Assert.AreEqual("MD5", www.Algorithm);
        var realm = www.Realm!;
        var ha1 = Md5Digest.Ha1(Impi, realm, Encoding.UTF8.GetBytes(password ?? Password!));
        return Credentials(realm, www.Nonce!, Md5Digest.Response(ha1, www.Nonce!, nc, Cnonce, "REGISTER", $"sip:{ImsNetwork.Domain}"), "MD5", nc);
    }

    public string Credentials(string realm, string nonce, string response, string algorithm, string nc = "00000001", string extra = "") =>
        $"Digest username=\"{Impi}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"sip:{ImsNetwork.Domain}\", response=\"{response}\", algorithm={algorithm}, qop=auth, nc={nc}, cnonce=\"{Cnonce}\"{extra}";

    public void Dispose() => _milenage.Dispose();
}

internal sealed record AkaAnswer(UsimAnswer Usim, string Authorization);

/// <summary>RFC 2617 3.2.2 with qop=auth, computed directly with MD5.</summary>
internal static class Md5Digest
{
    public static string Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(MD5.HashData(data));

    public static string Hex(string text) => Hex(Encoding.UTF8.GetBytes(text));

    public static string Ha1(string user, string realm, ReadOnlySpan<byte> password) =>
        Hex([.. Encoding.UTF8.GetBytes($"{user}:{realm}:"), .. password]);

    public static string Response(string ha1, string nonce, string nc, string cnonce, string method, string uri) =>
        Hex($"{ha1}:{nonce}:{nc}:{cnonce}:auth:{Hex($"{method}:{uri}")}");
}

internal static class SipAssert
{
    public static string? Param(this Ims.Sip.Headers.SipCredentials credentials, string name) => credentials.Parameters.Get(name);
}
