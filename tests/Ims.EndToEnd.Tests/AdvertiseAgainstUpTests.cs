using Ims.EndToEnd.Tests.Support;
using Ims.EventLog;
using Ims.Events;
using Ims.Sip;
using Ims.Sip.Parsing;

namespace Ims.EndToEnd.Tests;

/// <summary>
/// `ims up --bind 0.0.0.0 --advertise 127.0.0.1`, as the cloud edge runs (with its public name): a
/// SIPp UE registers with AKA through P-, I- and S-CSCF, and no wildcard address reaches a header.
/// Every Via the CSCFs add names the advertised address (RFC 3261 16.6 step 8), and the 200 OK the
/// UE gets carries Path and Service-Route (RFC 3327, RFC 3608) without 0.0.0.0. The SIP traffic
/// stays on 127.0.0.1.
/// </summary>
[TestClass]
public sealed class AdvertiseAgainstUpTests
{
    private const string User = "adverto";
    private readonly DataFolders _folders = new();

    public TestContext TestContext { get; set; } = null!;

    [TestCleanup]
    public void RemoveData() => _folders.RemoveAll();

    [TestMethod]
    public async Task AUeRegistersThroughAWildcardBindAndEveryHeaderNamesTheAdvertisedAddress()
    {
        var data = _folders.New("ims-e2e-advertise-");
        await TestSubscribers.AddAsync(data, User);
        await using var ims = await ImsProcess.UpAsync(data, "--bind", "0.0.0.0", "--advertise", "127.0.0.1");
        var ports = new Dictionary<ImsRole, int>
        {
            [ImsRole.Pcscf] = ims.Ports["Pcscf__Port"],
            [ImsRole.Icscf] = ims.Ports["Icscf__Port"],
            [ImsRole.Scscf] = ims.Ports["Scscf__Port"],
        };

        var (register, _) = await Sipp.RegisterAkaAsync(ports[ImsRole.Pcscf], [TestSubscribers.SippLine(User)]);
        Assert.AreEqual(1, register.Successful, register.ToString());
        Assert.AreEqual(0, register.Failed, register.ToString());

        // The P-CSCF's 200 OK to the UE, as it was sent (the event log records every command).
        static SipMessage? Ok(EventLogRecord record) =>
            record.Envelope?.Message is SendSipResponse response && response.TransactionId.StartsWith("Pcscf|", StringComparison.Ordinal)
            && SipMessage.Parse(response.Message).Message is { StatusCode: 200, CSeq.Method: "REGISTER" } ok ? ok : null;
        var records = await RecordedDecisions.UntilAsync(data, rs => rs.Any(r => Ok(r) is not null), 50, TestContext.CancellationToken);
        var okToUe = records.Select(Ok).OfType<SipMessage>().FirstOrDefault();
        Assert.IsNotNull(okToUe, "no 200 OK to the REGISTER in the event log");
        var okText = System.Text.Encoding.ASCII.GetString(okToUe.Bytes.Span);
        Assert.DoesNotContain("0.0.0.0", okText);
        Assert.IsNotEmpty(okToUe.Values(SipHeaderKind.Path) ?? [], okText);
        Assert.IsNotEmpty(okToUe.Values(SipHeaderKind.ServiceRoute) ?? [], okText);

        // Every role heard its requests on the advertised address, and the REGISTER reached the
        // S-CSCF with the P-CSCF's and the I-CSCF's Via naming it.
        var received = records.Select(r => r.Envelope?.Message).OfType<SipRequestReceived>().ToList();
        Assert.IsNotEmpty(received);
        foreach (var request in received)
        {
            Assert.AreEqual($"127.0.0.1:{ports[request.Role]}", request.Local, request.Role.ToString());
            Assert.DoesNotContain("0.0.0.0", System.Text.Encoding.ASCII.GetString(request.Message), request.Role.ToString());
        }

        var atScscf = received.Where(r => r.Role == ImsRole.Scscf).Select(r => SipMessage.Parse(r.Message).Message!).Last();
        CollectionAssert.AreEqual(
            new[] { $"127.0.0.1:{ports[ImsRole.Icscf]}", $"127.0.0.1:{ports[ImsRole.Pcscf]}" },
            atScscf.Vias.Take(2).Select(v => v.SentBy).ToArray());
        Assert.IsTrue(ims.Output.Any(l => l.Contains($"names itself 127.0.0.1:{ports[ImsRole.Pcscf]}", StringComparison.Ordinal)), string.Join(Environment.NewLine, ims.Output));
    }
}
