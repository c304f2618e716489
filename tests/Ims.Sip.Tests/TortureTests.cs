using System.Text;
using Ims.Sip.Parsing;

namespace Ims.Sip.Tests;

/// <summary>
/// RFC 4475 (SIP torture tests) and RFC 5118 (IPv6 torture tests), byte for byte from shared/testdata.
/// Each row names the RFC section the message comes from.
/// </summary>
[TestClass]
public sealed class TortureTests
{
    [TestMethod]
    [DataRow("sip-torture", "wsinv.dat", "3.1.1.1", "INVITE", "sip:vivekg@chair-dnrc.example.com;unknownparam", "wsinv.ndaksdj@192.0.2.1", "9 INVITE", 3, 14, 150)]
    [DataRow("sip-torture", "esc01.dat", "3.1.1.3", "INVITE", "sip:sips%3Auser%40example.com@example.net", "esc01.239409asdfakjkn23onasd0-3234", "234234 INVITE", 1, 9, 150)]
    [DataRow("sip-torture", "escnull.dat", "3.1.1.4", "REGISTER", "sip:example.com", "escnull.39203ndfvkjdasfkq3w4otrq0adsfdfnavd", "14398234 REGISTER", 1, 9, 0)]
    [DataRow("sip-torture", "esc02.dat", "3.1.1.5", "RE%47IST%45R", "sip:registrar.example.com", "esc02.asdfnqwo34rq23i34jrjasdcnl23nrlknsdf", "29344 RE%47IST%45R", 1, 10, 0)]
    [DataRow("sip-torture", "lwsdisp.dat", "3.1.1.6", "OPTIONS", "sip:user@example.com", "lwsdisp.1234abcd@funky.example.com", "60 OPTIONS", 1, 7, 0)]
    [DataRow("sip-torture", "longreq.dat", "3.1.1.7", "INVITE", "sip:user@example.com", "longreq.onereallyreallyreallyreallyreallyreallyreallyreallyreallyreallyreallyreallyreallyreallyreallyreallyreallyreallyreallyreallylongcallid", "3882340 INVITE", 34, 43, 150)]
    [DataRow("sip-torture", "dblreq.dat", "3.1.1.8", "REGISTER", "sip:example.com", "dblreq.0ha0isndaksdj99sdfafnl3lk233412", "8 REGISTER", 1, 8, 0)]
    [DataRow("sip-torture", "semiuri.dat", "3.1.1.9", "OPTIONS", "sip:user;par=u%40example.net@example.com", "semiuri.0ha0isndaksdj", "8 OPTIONS", 1, 8, 0)]
    [DataRow("sip-torture", "transports.dat", "3.1.1.10", "OPTIONS", "sip:user@example.com", "transports.kijh4akdnaqjkwendsasfdj", "60 OPTIONS", 5, 12, 0)]
    [DataRow("sip-torture", "mpart01.dat", "3.1.1.11", "MESSAGE", "sip:kumiko@example.org", "3d9485ad0c49859b@Zmx1ZmZ5LW1hYy0xNi5sb2NhbA..", "1 MESSAGE", 1, 14, 553)]
    [DataRow("sip-torture", "unreason.dat", "3.1.1.12", "200", "= 2**3 * 5**2 но сто девяносто девять - простое", "unreason.1234ksdfak3j2erwedfsASdf", "35 INVITE", 1, 8, 154)]
    [DataRow("sip-torture", "noreason.dat", "3.1.1.13", "100", "", "noreason.asndj203insdf99223ndf", "35 INVITE", 1, 7, 0)]
    [DataRow("sip-torture", "badbranch.dat", "3.2.1", "OPTIONS", "sip:user@example.com", "badbranch.sadonfo23i420jv0as0derf3j3n", "8 OPTIONS", 1, 8, 0)]
    [DataRow("sip-torture", "unkscm.dat", "3.3.2", "OPTIONS", "nobodyKnowsThisScheme:totallyopaquecontent", "unkscm.nasdfasser0q239nwsdfasdkl34", "3923423 OPTIONS", 1, 7, 0)]
    [DataRow("sip-torture", "novelsc.dat", "3.3.3", "OPTIONS", "soap.beep://192.0.2.103:3002", "novelsc.asdfasser0q239nwsdfasdkl34", "3923423 OPTIONS", 1, 7, 0)]
    [DataRow("sip-torture", "unksm2.dat", "3.3.4", "REGISTER", "sip:example.com", "unksm2.daksdj@hyphenated-host.example.com", "234902 REGISTER", 1, 8, 0)]
    [DataRow("sip-torture", "bext01.dat", "3.3.5", "OPTIONS", "sip:user@example.com", "bext01.0ha0isndaksdj", "8 OPTIONS", 1, 9, 0)]
    [DataRow("sip-torture", "invut.dat", "3.3.6", "INVITE", "sip:user@example.com", "invut.0ha0isndaksdjadsfij34n23d", "235448 INVITE", 1, 9, 40)]
    [DataRow("sip-torture", "regaut01.dat", "3.3.7", "REGISTER", "sip:example.com", "regaut01.0ha0isndaksdj", "9338 REGISTER", 1, 8, 0)]
    [DataRow("sip-torture", "bcast.dat", "3.3.10", "200", "OK", "bcast.0384840201234ksdfak3j2erwedfsASdf", "35 INVITE", 2, 9, 154)]
    [DataRow("sip-torture", "zeromf.dat", "3.3.11", "OPTIONS", "sip:user@example.com", "zeromf.jfasdlfnm2o2l43r5u0asdfas", "39234321 OPTIONS", 1, 7, 0)]
    [DataRow("sip-torture", "cparam01.dat", "3.3.12", "REGISTER", "sip:example.com", "cparam01.70710@saturn.example.com", "2 REGISTER", 1, 8, 0)]
    [DataRow("sip-torture", "cparam02.dat", "3.3.13", "REGISTER", "sip:example.com", "cparam02.70710@saturn.example.com", "3 REGISTER", 1, 8, 0)]
    [DataRow("sip-torture", "regescrt.dat", "3.3.14", "REGISTER", "sip:example.com", "regescrt.k345asrl3fdbv@192.0.2.1", "14398234 REGISTER", 1, 8, 0)]
    [DataRow("sip-torture", "sdp01.dat", "3.3.15", "INVITE", "sip:user@example.com", "sdp01.ndaksdj9342dasdd", "8 INVITE", 1, 10, 150)]
    [DataRow("sip-torture", "inv2543.dat", "3.4.1", "INVITE", "sip:UserB@example.com", "inv2543.1717@ift.client.example.com", "56 INVITE", 1, 7, 105)]
    [DataRow("sip-torture-ipv6", "ipv6-good.dat", "4.1", "REGISTER", "sip:[2001:db8::10]", "SSG9559905523997077@hlau_4100", "98176 REGISTER", 1, 8, 0)]
    [DataRow("sip-torture-ipv6", "port-ambiguous.dat", "4.3", "REGISTER", "sip:[2001:db8::10:5070]", "SSG9559905523997077@hlau_4100", "98176 REGISTER", 1, 8, 0)]
    [DataRow("sip-torture-ipv6", "port-unambiguous.dat", "4.4", "REGISTER", "sip:[2001:db8::10]:5070", "SSG9559905523997077@hlau_4100", "98176 REGISTER", 1, 8, 0)]
    [DataRow("sip-torture-ipv6", "via-received-param-no-delim.dat", "4.5", "OPTIONS", "sip:[2001:db8::10]", "SSG95523997077@hlau_4100", "921 OPTIONS", 1, 8, 0)]
    [DataRow("sip-torture-ipv6", "via-received-param-with-delim.dat", "4.5", "BYE", "sip:[2001:db8::10]", "SSG9559905523997077@hlau_4100", "321 BYE", 1, 7, 0)]
    [DataRow("sip-torture-ipv6", "ipv6-in-sdp.dat", "4.6", "INVITE", "sip:user@[2001:db8::10]", "SSG9559905523997077@hlau_4100", "8612 INVITE", 1, 9, 251)]
    [DataRow("sip-torture-ipv6", "mult-ip-in-header.dat", "4.7", "BYE", "sip:user@host.example.net", "997077@lau_4100", "89187 BYE", 3, 9, 0)]
    [DataRow("sip-torture-ipv6", "mult-ip-in-sdp.dat", "4.8", "INVITE", "sip:user@[2001:db8::10]", "SSG9559905523997077@hlau_4100", "8912 INVITE", 1, 9, 189)]
    [DataRow("sip-torture-ipv6", "ipv4-mapped-ipv6.dat", "4.9", "INVITE", "sip:user@example.com", "SSG9559905523997077@hlau_4100", "612 INVITE", 2, 10, 245)]
    [DataRow("sip-torture-ipv6", "ipv6-bug-abnf-3-colons.dat", "4.10", "OPTIONS", "sip:user@[2001:db8:::192.0.2.1]", "G9559905523997077@hlau_4100", "689 OPTIONS", 1, 7, 0)]
    [DataRow("sip-torture-ipv6", "ipv6-correct-abnf-2-colons.dat", "4.10", "OPTIONS", "sip:user@[2001:db8::192.0.2.1]", "G9559905523997077@hlau_4100", "689 OPTIONS", 1, 7, 0)]
    public void ValidMessageParsesWithItsKeyFields(string folder, string file, string section, string methodOrStatus, string uriOrReason, string callId, string cseq, int vias, int headers, int bodyLength)
    {
        var result = SipMessage.Parse(TortureVectors.Bytes(folder, file));

        Assert.IsTrue(result.IsValid, $"RFC {(folder == "sip-torture" ? "4475" : "5118")} {section}: {result.Reason}");
        var message = result.Message!;
        Assert.AreEqual(methodOrStatus, message.IsRequest ? message.Method : message.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.AreEqual(uriOrReason, message.IsRequest ? message.RequestUriText : message.ReasonPhrase);
        Assert.AreEqual(callId, message.CallId);
        Assert.AreEqual(cseq, message.CSeq!.ToString());
        Assert.HasCount(vias, message.Vias);
        Assert.AreEqual(headers, message.HeaderCount);
        Assert.AreEqual(bodyLength, message.Body.Length);
        Assert.IsNotNull(message.From);
        Assert.IsNotNull(message.To);
    }

    [TestMethod]
    [DataRow("badinv01.dat", "3.1.2.1", SipParseError.InvalidVia)]
    [DataRow("clerr.dat", "3.1.2.2", SipParseError.ContentLengthExceedsMessage)]
    [DataRow("ncl.dat", "3.1.2.3", SipParseError.InvalidContentLength)]
    [DataRow("scalar02.dat", "3.1.2.4", SipParseError.InvalidCSeq)]
    [DataRow("scalarlg.dat", "3.1.2.5", SipParseError.InvalidCSeq)]
    [DataRow("quotbal.dat", "3.1.2.6", SipParseError.InvalidAddress)]
    [DataRow("ltgtruri.dat", "3.1.2.7", SipParseError.InvalidRequestUri)]
    [DataRow("lwsruri.dat", "3.1.2.8", SipParseError.InvalidRequestUri)]
    [DataRow("lwsstart.dat", "3.1.2.9", SipParseError.MalformedStartLine)]
    [DataRow("trws.dat", "3.1.2.10", SipParseError.MalformedStartLine)]
    [DataRow("escruri.dat", "3.1.2.11", SipParseError.InvalidRequestUri)]
    [DataRow("baddate.dat", "3.1.2.12", SipParseError.InvalidDate)]
    [DataRow("regbadct.dat", "3.1.2.13", SipParseError.InvalidContact)]
    [DataRow("badaspec.dat", "3.1.2.14", SipParseError.InvalidAddress)]
    [DataRow("baddn.dat", "3.1.2.15", SipParseError.MissingHeaderTerminator)]
    [DataRow("badvers.dat", "3.1.2.16", SipParseError.UnsupportedVersion)]
    [DataRow("mismatch01.dat", "3.1.2.17", SipParseError.CSeqMethodMismatch)]
    [DataRow("mismatch02.dat", "3.1.2.18", SipParseError.CSeqMethodMismatch)]
    [DataRow("bigcode.dat", "3.1.2.19", SipParseError.InvalidStatusCode)]
    [DataRow("insuf.dat", "3.3.1", SipParseError.MissingRequiredHeader)]
    [DataRow("multi01.dat", "3.3.8", SipParseError.DuplicateSingleValueHeader)]
    [DataRow("mcl01.dat", "3.3.9", SipParseError.ConflictingContentLength)]
    public void InvalidMessageIsRefusedWithItsReason(string file, string section, SipParseError expected)
    {
        var result = SipMessage.Parse(TortureVectors.Bytes("sip-torture", file));

        Assert.IsFalse(result.IsValid, $"RFC 4475 {section} must be refused");
        Assert.AreEqual(expected, result.Error, $"RFC 4475 {section}: {result.Reason}");
        Assert.IsFalse(string.IsNullOrWhiteSpace(result.Reason));
    }

    [TestMethod]
    public void IndexListsExactlyTheFilesTheseTestsCover()
    {
        var index = TortureVectors.Index("sip-torture").ToList();

        Assert.HasCount(49, index);
        Assert.AreEqual(22, index.Count(r => r.Class == "invalid"));
    }

    [TestMethod]
    public void BadDisplayNameIsRefusedOnceTheHeaderSectionIsTerminated()
    {
        // RFC 4475 3.1.2.15: the archive's baddn lacks its blank line; with it, the display name is the fault.
        var bytes = TortureVectors.Bytes("sip-torture", "baddn.dat").Concat("\r\n"u8.ToArray()).ToArray();

        var result = SipMessage.Parse(bytes);

        Assert.AreEqual(SipParseError.InvalidAddress, result.Error, result.Reason);
        Assert.AreEqual(400, result.StatusCode);
    }

    [TestMethod]
    public void UnknownVersionMapsTo505AndOthersTo400()
    {
        Assert.AreEqual(505, SipMessage.Parse(TortureVectors.Bytes("sip-torture", "badvers.dat")).StatusCode);
        Assert.AreEqual(400, SipMessage.Parse(TortureVectors.Bytes("sip-torture", "badinv01.dat")).StatusCode);
    }

    [TestMethod]
    public void IpV6RequestUriWithoutBracketsIsRefused()
    {
        // RFC 5118 4.2: an unbracketed IPv6 address in the Request-URI.
        var result = SipMessage.Parse(TortureVectors.Bytes("sip-torture-ipv6", "ipv6-bad.dat"));

        Assert.AreEqual(SipParseError.InvalidRequestUri, result.Error);
        Assert.AreEqual(400, result.StatusCode);
    }

    [TestMethod]
    public void WideRangeOfValidCharactersIsAccepted()
    {
        // RFC 4475 3.1.1.2: an unknown method of every token character, odd URI and Call-ID characters.
        var message = SipMessage.Parse(TortureVectors.Bytes("sip-torture", "intmeth.dat")).Message!;

        Assert.AreEqual("!interesting-Method0123456789_*+`.%indeed'~", message.Method);
        Assert.AreEqual(@"intmeth.word%ZK-!.*_+'@word`~)(><:\/""][?}{", message.CallId);
        Assert.AreEqual("example.com", message.RequestUri!.Host);
        Assert.AreEqual(139122385, message.CSeq!.Number);
    }

    [TestMethod]
    public void ShortTortuousInviteUnfoldsAndReadsCompactAndOddlySpacedHeaders()
    {
        // RFC 4475 3.1.1.1.
        var message = SipMessage.Parse(TortureVectors.Bytes("sip-torture", "wsinv.dat")).Message!;

        Assert.AreEqual(@"""J Rosenberg \\\""""", message.From!.DisplayName);
        Assert.AreEqual("sip:jdrosen@example.com", message.From.Uri.Text);
        Assert.AreEqual("98asjd8", message.From.Tag);
        Assert.AreEqual("sip:vivekg@chair-dnrc.example.com", message.To!.Uri.Text);
        Assert.AreEqual("1918181833n", message.To.Tag);
        Assert.AreEqual(68, message.MaxForwards);
        Assert.AreEqual("390skdjuw", message.TopVia!.Branch);
        Assert.AreEqual("application/sdp", message.ContentType!.Value);
    }

    [TestMethod]
    public void EscapedNullsStayInTheAddressOfRecord()
    {
        // RFC 4475 3.1.1.4: %00 must not truncate the AOR.
        var message = SipMessage.Parse(TortureVectors.Bytes("sip-torture", "escnull.dat")).Message!;

        Assert.AreEqual("sip:null-\0-null@example.com", message.To!.Uri.AddressOfRecord);
        Assert.AreEqual("sip:null-%00-null@example.com", message.To.Uri.Text);
    }

    [TestMethod]
    public void PercentThatIsNotAnEscapeLeavesTheMethodAloneAndTwoContacts()
    {
        // RFC 4475 3.1.1.5.
        var message = SipMessage.Parse(TortureVectors.Bytes("sip-torture", "esc02.dat")).Message!;

        Assert.AreEqual("RE%47IST%45R", message.Method);
        CollectionAssert.AreEqual(
            new[] { "sip:alias1@host1.example.com", "sip:alias3@host3.example.com" },
            message.Contacts.Select(c => c.Address!.Uri.Text).ToArray());
    }

    [TestMethod]
    public void OctetsAfterContentLengthInADatagramAreIgnored()
    {
        // RFC 4475 3.1.1.8, RFC 3261 18.3.
        var bytes = TortureVectors.Bytes("sip-torture", "dblreq.dat");

        var message = SipMessage.Parse(bytes).Message!;

        Assert.AreEqual("REGISTER", message.Method);
        Assert.IsTrue(message.Body.IsEmpty);
        Assert.IsLessThan(bytes.Length, message.Bytes.Length);
        Assert.IsFalse(Encoding.ASCII.GetString(message.Bytes.Span).Contains("INVITE", StringComparison.Ordinal));
    }

    [TestMethod]
    public void SemicolonsInTheUserPartBelongToTheUser()
    {
        // RFC 4475 3.1.1.9.
        var uri = SipMessage.Parse(TortureVectors.Bytes("sip-torture", "semiuri.dat")).Message!.RequestUri!;

        Assert.AreEqual("user;par=u%40example.net", uri.User);
        Assert.AreEqual("example.com", uri.Host);
        Assert.IsEmpty(uri.Parameters);
    }

    [TestMethod]
    public void UnusualTransportsAreKept()
    {
        // RFC 4475 3.1.1.10.
        var vias = SipMessage.Parse(TortureVectors.Bytes("sip-torture", "transports.dat")).Message!.Vias;

        CollectionAssert.AreEqual(new[] { "UDP", "SCTP", "TLS", "UNKNOWN", "TCP" }, vias.Select(v => v.Transport).ToArray());
    }

    [TestMethod]
    public void BranchWithOnlyTheCookieIsNotAnRfc3261Branch()
    {
        // RFC 4475 3.2.1.
        var via = SipMessage.Parse(TortureVectors.Bytes("sip-torture", "badbranch.dat")).Message!.TopVia!;

        Assert.AreEqual("z9hG4bK", via.Branch);
        Assert.IsFalse(via.HasRfc3261Branch);
    }

    [TestMethod]
    public void Rfc2543InviteHasNoBranchNoTagAndNoMaxForwards()
    {
        // RFC 4475 3.4.1.
        var message = SipMessage.Parse(TortureVectors.Bytes("sip-torture", "inv2543.dat")).Message!;

        Assert.IsNull(message.TopVia!.Branch);
        Assert.IsNull(message.From!.Tag);
        Assert.IsNull(message.MaxForwards);
        Assert.IsFalse(message.Head.HasContentLength);
        Assert.AreEqual(105, message.Body.Length);
    }

    [TestMethod]
    public void ZeroMaxForwardsReadsAsZero() =>
        Assert.AreEqual(0, SipMessage.Parse(TortureVectors.Bytes("sip-torture", "zeromf.dat")).Message!.MaxForwards);

    [TestMethod]
    public void EmptyReasonPhraseIsEmpty() =>
        Assert.AreEqual(string.Empty, SipMessage.Parse(TortureVectors.Bytes("sip-torture", "noreason.dat")).Message!.ReasonPhrase);

    [TestMethod]
    public void ContactParameterOutsideBracketsIsAHeaderParameterAndInsideAUriParameter()
    {
        // RFC 4475 3.3.12 and 3.3.13.
        var outside = SipMessage.Parse(TortureVectors.Bytes("sip-torture", "cparam01.dat")).Message!.Contacts.Single().Address!;
        var inside = SipMessage.Parse(TortureVectors.Bytes("sip-torture", "cparam02.dat")).Message!.Contacts.Single().Address!;

        Assert.AreEqual("unknownparam", outside.Parameters.Single().Name);
        Assert.IsEmpty(outside.Uri.Parameters);
        Assert.AreEqual("unknownparam", inside.Uri.Parameters.Single().Name);
        Assert.IsEmpty(inside.Parameters);
    }

    [TestMethod]
    public void EscapedRouteInABracketedContactUriIsKept()
    {
        // RFC 4475 3.3.14.
        var contact = SipMessage.Parse(TortureVectors.Bytes("sip-torture", "regescrt.dat")).Message!.Contacts.Single().Address!;

        Assert.AreEqual("Route=%3Csip:sip.example.com%3E", contact.Uri.Headers);
    }

    [TestMethod]
    [DataRow("port-ambiguous.dat", "[2001:db8::10:5070]", null)]
    [DataRow("port-unambiguous.dat", "[2001:db8::10]", 5070)]
    public void BracketedIpV6HostAndPortAreTold(string file, string host, int? port)
    {
        // RFC 5118 4.3 and 4.4.
        var uri = SipMessage.Parse(TortureVectors.Bytes("sip-torture-ipv6", file)).Message!.RequestUri!;

        Assert.AreEqual(host, uri.Host);
        Assert.AreEqual(port, uri.Port);
    }

    [TestMethod]
    [DataRow("via-received-param-no-delim.dat", "2001:db8::9:255")]
    [DataRow("via-received-param-with-delim.dat", "[2001:db8::9:255]")]
    public void ReceivedParameterIsAcceptedWithOrWithoutBrackets(string file, string received)
    {
        // RFC 5118 4.5.
        Assert.AreEqual(received, SipMessage.Parse(TortureVectors.Bytes("sip-torture-ipv6", file)).Message!.TopVia!.Received);
    }
}
