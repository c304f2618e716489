using System.Text;
using Ims.Events;
using Ims.Functions.Azure.Bus;
using Ims.Functions.Azure.Decisions;
using Ims.Functions.Azure.Hosting;
using Ims.Functions.Azure.Tests.Decisions;
using Ims.Functions.Catalog;
using Ims.Sip;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Ims.Functions.Azure.Tests.Cscf;

/// <summary>
/// A UE's REGISTER, as the cloud edge publishes it to the events hub, dispatched by the worker's
/// envelope handler over a real embedded store: the P-CSCF function takes it and forwards it to the
/// I-CSCF the app settings name. Tested at the SDK boundary: the event is handed to the handler as
/// the hosted Event Hubs processor would hand it, and the commands bus is captured (no Functions
/// host or Event Hubs broker runs here).
/// </summary>
[TestClass]
public sealed class CloudRegisterTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public async Task ARegisterFromTheEdgeIsForwardedByThePcscfToTheConfiguredIcscf()
    {
        using var store = new StoreFixture();
        var settings = Settings(("IMS_Pcscf__Port", "5070"), ("IMS_Icscf__Port", "4070"));
        var commands = new CloudFlow.CapturingBus();
        var handler = new EnvelopeHandler(CloudServices.Dispatcher(store.Store, settings, new FakeTimeProvider(At)), commands, new NoDecisionRecords(), NullLogger<EnvelopeHandler>.Instance);

        var result = await handler.HandleAsync(RegisterEvent(), CancellationToken.None);

        Assert.AreEqual("pcscf", result.Function, result.Decision);
        var command = Assert.ContainsSingle(commands.Published);
        Assert.AreEqual("edge-1", command.EdgeId, "the command goes back to the edge holding the transaction");
        var forward = Assert.IsInstanceOfType<ForwardSipRequest>(command.Message);
        Assert.AreEqual("p-tx-1", forward.TransactionId);
        Assert.AreEqual("sip:icscf.ims.example:4070", forward.NextHop);
        var sent = SipMessage.Parse(forward.Message);
        Assert.IsTrue(sent.IsValid, sent.Reason);
        Assert.AreEqual("REGISTER", sent.Message!.Method);
        Assert.AreEqual("sip:term@pcscf.ims.example:5070;lr", Assert.ContainsSingle(sent.Message.Paths).Uri.Text);
    }

    [TestMethod]
    public async Task WithoutTheCscfsNoFunctionTakesTheRegister()
    {
        // The fault this guards against: a catalog built without CSCF settings answers Cx, Rx and Ro only.
        using var store = new StoreFixture();
        var settings = Settings();
        var dispatcher = new FunctionDispatcher(ImsFunctionCatalog.Build(store.Store, settings.Functions with { Cscf = null }), new FakeTimeProvider(At), new RandomEnvelopeIds());

        var result = await dispatcher.DispatchAsync(RegisterEvent(), CancellationToken.None);

        Assert.AreEqual("none", result.Function);
        Assert.IsEmpty(result.Commands);
    }

    private static CloudSettings Settings(params (string Key, string Value)[] values) =>
        CloudSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(
                new[] { ("IMS_HomeDomain", "ims.example"), ("IMS_StoreConnection", "UseDevelopmentStorage=true") }.Concat(values)
                    .Select(v => new KeyValuePair<string, string?>(v.Item1, v.Item2)))
            .Build());

    // A first REGISTER as a UE sends it to its P-CSCF (TS 24.229 5.1.1.2): preloaded Route, empty Digest credentials, Path supported.
    private static BusEnvelope RegisterEvent()
    {
        var register = string.Join("\r\n",
            "REGISTER sip:ims.example SIP/2.0",
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKue1;rport",
            "Max-Forwards: 70",
            "Route: <sip:pcscf.ims.example:5070;lr>",
            "From: <sip:alice@ims.example>;tag=ue1",
            "To: <sip:alice@ims.example>",
            "Call-ID: reg-1@192.0.2.10",
            "CSeq: 1 REGISTER",
            "Contact: <sip:alice@192.0.2.10:5060>;expires=600",
            "Authorization: Digest username=\"alice@ims.example\", realm=\"ims.example\", uri=\"sip:ims.example\", nonce=\"\", response=\"\"",
            "Supported: path",
            "Content-Length: 0",
            "",
            "");
        var message = new SipRequestReceived(ImsRole.Pcscf, "p-tx-1", SipTransport.Udp, "192.0.2.10:5060", "10.0.0.4:5070", Encoding.ASCII.GetBytes(register));
        return new BusEnvelope("evt-1", At, "edge-1", "alice@ims.example", "p-tx-1", message);
    }
}
