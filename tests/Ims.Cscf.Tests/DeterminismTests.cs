using Ims.Cscf.Tests.Kit;
using Ims.Events;
using Ims.Functions;

namespace Ims.Cscf.Tests;

/// <summary>Replay re-runs recorded events: the same event must give the same commands, byte for byte.</summary>
[TestClass]
public sealed class DeterminismTests
{
    private static readonly DateTimeOffset T = ImsNetwork.T0;

    [TestMethod]
    public async Task EveryStepOfARegistration_HandledTwice_GivesByteIdenticalCommands()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();
        var authorization = ue.InitialAuthorization();
        var steps = 0;

        async Task<FunctionOutcome> Twice(IImsFunction function, BusEnvelope envelope)
        {
            var first = await ImsNetwork.RunAsync(function, envelope);
            var second = await ImsNetwork.RunAsync(function, envelope);
            Assert.IsNotEmpty(first.Commands, first.Decision);
            CollectionAssert.AreEqual(first.Wire().ToList(), second.Wire().ToList(), $"{function.Name}: {first.Decision}");
            Assert.AreEqual(first.Decision, second.Decision);
            steps++;
            return first;
        }

        async Task<byte[]> Chain(byte[] register, DateTimeOffset time, bool consumesNonce)
        {
            var p = await Twice(net.Pcscf, net.Request(ImsRole.Pcscf, "p-tx", ue.Source, ImsNetwork.PcscfLocal, register, time));
            var pForward = p.Commands.Single();
            var uar = await Twice(net.Icscf, net.Request(ImsRole.Icscf, "i-tx", ImsNetwork.PcscfLocal, ImsNetwork.IcscfLocal, ((ForwardSipRequest)pForward.Message).Message, time));
            var uaa = await Twice(net.Icscf, await net.AnswerAsync(uar.Commands.Single(), time));
            var iForward = uaa.Commands.Single();
            // A REGISTER answering a challenge consumes its nonce (a second delivery is a stale nonce,
            // which the dispatcher's event-id idempotency keeps from happening): handled once.
            var scscfRequest = net.Request(ImsRole.Scscf, "s-tx", ImsNetwork.IcscfLocal, ImsNetwork.ScscfLocal, ((ForwardSipRequest)iForward.Message).Message, time);
            var s = consumesNonce ? await ImsNetwork.RunAsync(net.Scscf, scscfRequest) : await Twice(net.Scscf, scscfRequest);
            var answered = await Twice(net.Scscf, await net.AnswerAsync(s.Commands.Single(), time));
            var response = answered.Single<SendSipResponse>().Message;
            var relayed = await Twice(net.Icscf, net.Response(ImsRole.Icscf, "i-tx", response, iForward.Continuation, time));
            var atUe = await Twice(net.Pcscf, net.Response(ImsRole.Pcscf, "p-tx", relayed.Single<SendSipResponse>().Message, pForward.Continuation, time));
            return atUe.Single<SendSipResponse>().Message;
        }

        var challenge = SipWire.Parse(await Chain(ue.Register(authorization: authorization), T, consumesNonce: false));
        Assert.AreEqual(401, challenge.StatusCode);
        var ok = SipWire.Parse(await Chain(ue.Register(authorization: ue.AnswerAka(challenge).Authorization), T.AddSeconds(1), consumesNonce: true));
        Assert.AreEqual(200, ok.StatusCode);
        Assert.AreEqual(13, steps);
    }

    [TestMethod]
    public async Task TheSameEvents_OnTwoFreshNetworks_GiveTheSameCommands()
    {
        var first = await RecordAsync();
        var second = await RecordAsync();

        Assert.IsGreaterThan(10, first.Count);
        CollectionAssert.AreEqual(first, second);
    }

    private static async Task<List<string>> RecordAsync()
    {
        using var net = new ImsNetwork();
        await net.ProvisionAsync(Ue.Alice());
        using var ue = new Ue();
        var (challenge, ok) = await net.RegisterAkaAsync(ue, T);
        Assert.AreEqual(200, ok.UeResponse.StatusCode);
        return challenge.Outcomes().Concat(ok.Outcomes()).SelectMany(o => o.Wire()).ToList();
    }
}
