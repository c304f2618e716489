using Ims.Diameter.Values;
using Ims.Pcrf.Policies;
using Ims.Storage;

namespace Ims.Pcrf.Tests;

/// <summary>AAR judged against media policies (TS 29.214 4.4.1, 5.5.3): the subscriber's own, else the default, else the built-in one.</summary>
[TestClass]
public sealed class AuthorisationTests
{
    private static readonly uint NotAuthorized = DiameterExperimentalResultCode.RequestedServiceNotAuthorized.Value;

    [TestMethod]
    public async Task AudioUnderTheBuiltInPolicyIsAuthorisedAndTheSessionStoredWithItsAf()
    {
        using var pcrf = new PcrfStore();

        var answered = await pcrf.AskAsync(PcrfStore.Aar("s1", PcrfStore.Alice));

        Assert.AreEqual(DiameterResultCode.Success.Value, PcrfStore.Result(answered.Answer), answered.Decision);
        Assert.AreEqual("s1", answered.Answer.SessionId);
        Assert.AreEqual(PcrfStore.Options.OriginHost, answered.Answer.OriginHost);
        Assert.AreEqual(DiameterApplicationId.Rx.Value, answered.Answer.ApplicationId);
        StringAssert.Contains(answered.Decision, "the built-in policy");
        var row = await pcrf.Store.GetAsync(PolicyTables.SessionTable, PolicyTables.SessionKey("s1"), PolicyTables.SessionRow, CancellationToken.None);
        var session = PolicyTables.ToSession(row.Value!);
        Assert.AreEqual(new RxSessionRecord("s1", PcrfStore.Alice, PcrfStore.Af, PcrfStore.Domain, "icid-s1"), session);
        Assert.AreEqual(StoreStatus.Ok, await pcrf.IndexStatusAsync(PcrfStore.Alice, "s1"), "the subscriber index holds the session");
    }

    [TestMethod]
    public async Task AMediaTypeTheDefaultPolicyLacksIsRefusedWith5063()
    {
        using var pcrf = new PcrfStore();
        await new MediaPolicies(pcrf.Store).SetAsync(null, MediaPolicy.Of(["audio"], [], 0), CancellationToken.None);

        var answered = await pcrf.AskAsync(PcrfStore.Aar("s1", PcrfStore.Alice, PcrfStore.Audio("H264/90000", 512, "video")));

        Assert.AreEqual(NotAuthorized, PcrfStore.Experimental(answered.Answer), answered.Decision);
        Assert.IsNull(PcrfStore.Result(answered.Answer));
        StringAssert.Contains(answered.Decision, "video is not an allowed media type");
        StringAssert.Contains(answered.Decision, "the default policy");
        var row = await pcrf.Store.GetAsync(PolicyTables.SessionTable, PolicyTables.SessionKey("s1"), PolicyTables.SessionRow, CancellationToken.None);
        Assert.AreEqual(StoreStatus.NotFound, row.Status, "a refused session is not stored");
    }

    [TestMethod]
    public async Task ACodecOutsideThePolicyIsRefusedAndAnAllowedOneTaken()
    {
        using var pcrf = new PcrfStore();
        await new MediaPolicies(pcrf.Store).SetAsync(null, MediaPolicy.Of(["audio"], ["AMR-WB"], 0), CancellationToken.None);

        var refused = await pcrf.AskAsync(PcrfStore.Aar("s1", PcrfStore.Alice, PcrfStore.Audio("PCMU/8000")));
        var allowed = await pcrf.AskAsync(PcrfStore.Aar("s2", PcrfStore.Alice, PcrfStore.Audio("AMR-WB/16000")));

        Assert.AreEqual(NotAuthorized, PcrfStore.Experimental(refused.Answer), refused.Decision);
        StringAssert.Contains(refused.Decision, "PCMU");
        Assert.AreEqual(DiameterResultCode.Success.Value, PcrfStore.Result(allowed.Answer), allowed.Decision);
    }

    [TestMethod]
    public async Task BandwidthAboveTheCeilingIsRefused()
    {
        using var pcrf = new PcrfStore();
        await new MediaPolicies(pcrf.Store).SetAsync(null, MediaPolicy.Of(["audio"], [], 64), CancellationToken.None);

        var refused = await pcrf.AskAsync(PcrfStore.Aar("s1", PcrfStore.Alice, PcrfStore.Audio(kbps: 128)));
        var allowed = await pcrf.AskAsync(PcrfStore.Aar("s2", PcrfStore.Alice, PcrfStore.Audio(kbps: 64)));

        Assert.AreEqual(NotAuthorized, PcrfStore.Experimental(refused.Answer), refused.Decision);
        StringAssert.Contains(refused.Decision, "128 kbit/s, above the allowed 64 kbit/s");
        Assert.AreEqual(DiameterResultCode.Success.Value, PcrfStore.Result(allowed.Answer), allowed.Decision);
    }

    [TestMethod]
    public async Task TheSubscribersOwnPolicyWinsOverTheDefault()
    {
        using var pcrf = new PcrfStore();
        var policies = new MediaPolicies(pcrf.Store);
        await policies.SetAsync(null, MediaPolicy.Of(["audio"], [], 0), CancellationToken.None);
        await policies.SetAsync(PcrfStore.Alice, MediaPolicy.Of(["audio", "video"], [], 0), CancellationToken.None);
        var video = PcrfStore.Audio("H264/90000", 512, "video");

        var alice = await pcrf.AskAsync(PcrfStore.Aar("s1", PcrfStore.Alice, video));
        var bob = await pcrf.AskAsync(PcrfStore.Aar("s2", PcrfStore.Bob, video));

        Assert.AreEqual(DiameterResultCode.Success.Value, PcrfStore.Result(alice.Answer), alice.Decision);
        StringAssert.Contains(alice.Decision, $"the policy of {PcrfStore.Alice}");
        Assert.AreEqual(NotAuthorized, PcrfStore.Experimental(bob.Answer), bob.Decision);
        StringAssert.Contains(bob.Decision, "the default policy");
    }

    [TestMethod]
    public async Task StrEndsTheSessionAndItsIndexRowAndASecondStrIsAnUnknownSession()
    {
        using var pcrf = new PcrfStore();
        await pcrf.AskAsync(PcrfStore.Aar("s1", PcrfStore.Alice));

        var ended = await pcrf.AskAsync(PcrfStore.Str("s1"));
        var again = await pcrf.AskAsync(PcrfStore.Str("s1"));

        Assert.AreEqual(DiameterResultCode.Success.Value, PcrfStore.Result(ended.Answer), ended.Decision);
        StringAssert.Contains(ended.Decision, $"session s1 of {PcrfStore.Alice} ended");
        Assert.AreEqual(DiameterResultCode.UnknownSessionId.Value, PcrfStore.Result(again.Answer), again.Decision);
        Assert.AreEqual(StoreStatus.NotFound, await pcrf.IndexStatusAsync(PcrfStore.Alice, "s1"));
    }

    [TestMethod]
    public async Task StrForASessionNeverAuthorisedIsAnUnknownSession()
    {
        using var pcrf = new PcrfStore();

        var answered = await pcrf.AskAsync(PcrfStore.Str("never"));

        Assert.AreEqual(DiameterResultCode.UnknownSessionId.Value, PcrfStore.Result(answered.Answer), answered.Decision);
        Assert.AreEqual("never", answered.Answer.SessionId);
    }
}
