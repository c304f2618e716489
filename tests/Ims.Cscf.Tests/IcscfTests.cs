using Ims.Cscf.Tests.Kit;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Values;
using Ims.Events;

namespace Ims.Cscf.Tests;

[TestClass]
public sealed class IcscfTests
{
    private static readonly DateTimeOffset T = ImsNetwork.T0;

    [TestMethod]
    [DataRow(600, false, UserAuthorizationType.Registration)]
    [DataRow(0, false, UserAuthorizationType.DeRegistration)]
    [DataRow(0, true, UserAuthorizationType.DeRegistration)]
    public async Task Uar_CarriesTheIdentitiesTheVisitedNetworkAndTheType(int expires, bool wildcard, UserAuthorizationType type)
    {
        using var net = new ImsNetwork();
        using var ue = new Ue();
        var forwarded = await ViaPcscfAsync(net, ue.Register(expires, ue.InitialAuthorization(), wildcard));

        var outcome = await ImsNetwork.RunAsync(net.Icscf, net.Request(ImsRole.Icscf, "i-tx", ImsNetwork.PcscfLocal, ImsNetwork.IcscfLocal, forwarded, T));

        var command = outcome.Commands.Single();
        Assert.AreEqual("icscf", command.Continuation?.Handler);
        var uar = net.Decode(command);
        Assert.AreEqual(300u, uar.CommandCode);
        Assert.AreEqual(DiameterApplicationId.Cx.Value, uar.ApplicationId);
        Assert.AreEqual("alice@ims.example", uar.GetString(Avps.UserName));
        Assert.AreEqual("sip:alice@ims.example", uar.GetString(Avps.PublicIdentity));
        Assert.AreEqual(ImsNetwork.Visited, uar.GetString(Avps.VisitedNetworkIdentifier));
        Assert.AreEqual((uint)type, uar.GetUnsigned32(Avps.UserAuthorizationType));
        Assert.AreEqual("icscf.ims.example", uar.OriginHost);
        Assert.AreEqual(ImsNetwork.Domain, uar.GetString(Avps.DestinationRealm));
    }

    [TestMethod]
    public async Task Uar_WithoutAuthorization_DerivesTheImpiFromTheImpu()
    {
        using var net = new ImsNetwork();
        using var ue = new Ue();
        var forwarded = await ViaPcscfAsync(net, ue.Register());

        var outcome = await ImsNetwork.RunAsync(net.Icscf, net.Request(ImsRole.Icscf, "i-tx", ImsNetwork.PcscfLocal, ImsNetwork.IcscfLocal, forwarded, T));

        Assert.AreEqual("alice@ims.example", net.Decode(outcome.Commands.Single()).GetString(Avps.UserName));
    }

    [TestMethod]
    public async Task UaaWithServerName_ForwardsThere_AndNotToACapabilityPick()
    {
        // Capabilities alone would pick "other"; once the HSS has the S-CSCF's name it must win.
        var options = ImsNetwork.DefaultOptions with { ScscfCandidates = [new ScscfCandidate("sip:other-scscf.ims.example:6060", [1])] };
        using var net = new ImsNetwork(options);
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();
        var first = await net.ChallengeAsync(ue, T);
        Assert.AreEqual("sip:other-scscf.ims.example:6060", first.Uaa!.Single<ForwardSipRequest>().NextHop);

        var second = await net.RegisterAsync(ue, ue.Register(authorization: ue.InitialAuthorization()), T.AddSeconds(1));

        var forward = second.Uaa!.Single<ForwardSipRequest>();
        Assert.AreEqual(ImsNetwork.ScscfUri, forward.NextHop, second.Uaa!.Decision);
        StringAssert.Contains(second.Uaa!.Decision, "named by the HSS");
        var sent = SipWire.Parse(forward.Message);
        Assert.HasCount(3, sent.Vias);
        Assert.AreEqual(ImsNetwork.IcscfLocal, sent.Vias[0].SentBy);
        Assert.AreEqual(ImsNetwork.PcscfLocal, sent.Vias[1].SentBy);
        Assert.AreEqual(68, sent.MaxForwards);
        Assert.AreEqual("sip:term@pcscf.ims.example:5060;lr", sent.Paths.Single().Uri.Text);
        // The 401 comes back through the I-CSCF with its Via removed.
        Assert.AreEqual(401, second.UeResponse.StatusCode);
        Assert.HasCount(2, SipWire.Parse(second.IcscfRelay!.Single<SendSipResponse>().Message).Vias);
    }

    [TestMethod]
    public async Task UnknownUser_Gets403()
    {
        using var net = new ImsNetwork();
        using var ue = new Ue("mallory");

        var run = await net.RegisterAsync(ue, ue.Register(authorization: ue.InitialAuthorization()), T);

        Assert.IsNull(run.Scscf, "nothing reaches an S-CSCF");
        Assert.AreEqual(403, run.UeResponse.StatusCode);
        Assert.HasCount(1, run.UeResponse.Vias);
    }

    [TestMethod]
    public async Task DeregistrationOfAnUnregisteredUser_Gets403()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();

        var run = await net.RegisterAsync(ue, ue.Register(0, ue.InitialAuthorization()), T);

        Assert.IsNull(run.Scscf);
        Assert.AreEqual(403, run.UeResponse.StatusCode);
    }

    [TestMethod]
    [DataRow(DiameterDeliveryFailure.Timeout)]
    [DataRow(DiameterDeliveryFailure.PeerDown)]
    public async Task NoAnswerFromTheHss_Gets480(DiameterDeliveryFailure failure)
    {
        using var net = new ImsNetwork();
        using var ue = new Ue();
        var forwarded = await ViaPcscfAsync(net, ue.Register(authorization: ue.InitialAuthorization()));
        var uar = await ImsNetwork.RunAsync(net.Icscf, net.Request(ImsRole.Icscf, "i-tx", ImsNetwork.PcscfLocal, ImsNetwork.IcscfLocal, forwarded, T));

        var outcome = await ImsNetwork.RunAsync(net.Icscf, net.Failure(uar.Commands.Single(), failure, T.AddSeconds(5)));

        var response = outcome.Single<SendSipResponse>();
        Assert.AreEqual("i-tx", response.TransactionId);
        var parsed = SipWire.Parse(response.Message);
        Assert.AreEqual(480, parsed.StatusCode);
        Assert.HasCount(2, parsed.Vias, "answered to the P-CSCF, whose Via is on top");
    }

    [TestMethod]
    public async Task CapabilitiesOnly_PicksTheCandidateWithTheMandatoryAndMostOptionalCapabilities()
    {
        var hss = ImsNetwork.DefaultHssOptions with { ScscfNames = [], MandatoryCapabilities = [1], OptionalCapabilities = [2] };
        var options = ImsNetwork.DefaultOptions with
        {
            ScscfCandidates =
            [
                new ScscfCandidate("sip:a.ims.example", [3]),
                new ScscfCandidate("sip:b.ims.example", [1]),
                new ScscfCandidate("sip:c.ims.example", [1, 2]),
            ],
        };
        using var net = new ImsNetwork(options, hss);
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();

        var run = await net.ChallengeAsync(ue, T);

        Assert.AreEqual("sip:c.ims.example", run.Uaa!.Single<ForwardSipRequest>().NextHop);
    }

    [TestMethod]
    public async Task CapabilitiesOnly_WithNoFittingCandidate_Gets600()
    {
        var hss = ImsNetwork.DefaultHssOptions with { ScscfNames = [], MandatoryCapabilities = [1] };
        var options = ImsNetwork.DefaultOptions with { ScscfCandidates = [new ScscfCandidate("sip:a.ims.example", [3])] };
        using var net = new ImsNetwork(options, hss);
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();

        var run = await net.RegisterAsync(ue, ue.Register(authorization: ue.InitialAuthorization()), T);

        Assert.IsNull(run.Scscf);
        Assert.AreEqual(600, run.UeResponse.StatusCode);
    }

    private static async Task<byte[]> ViaPcscfAsync(ImsNetwork net, byte[] register)
    {
        var outcome = await ImsNetwork.RunAsync(net.Pcscf, net.Request(ImsRole.Pcscf, net.NextId("p-tx"), "10.0.0.1:5061", ImsNetwork.PcscfLocal, register, T));
        return outcome.Single<ForwardSipRequest>().Message;
    }
}
