using Ims.Events;
using Ims.Functions;

namespace Ims.Cscf.Tests.Kit;

/// <summary>Registration dialogues a test needs as a step: challenge, answer, expiry.</summary>
internal static class Flows
{
    /// <summary>The first REGISTER (no credentials) through the chain; the UE gets a 401.</summary>
    public static async Task<ChainRun> ChallengeAsync(this ImsNetwork net, Ue ue, DateTimeOffset time, int? expires = 600, bool wildcard = false)
    {
        var run = await net.RegisterAsync(ue, ue.Register(expires, ue.InitialAuthorization(), wildcard), time);
        Assert.AreEqual(401, run.UeResponse.StatusCode, run.PcscfResponse.Decision);
        return run;
    }

    /// <summary>Challenge, then the USIM's answer: the second run's response is what the UE finally gets.</summary>
    public static async Task<(ChainRun Challenge, ChainRun Answer)> RegisterAkaAsync(this ImsNetwork net, Ue ue, DateTimeOffset time, int? expires = 600, bool wildcard = false)
    {
        var challenge = await net.ChallengeAsync(ue, time, expires, wildcard);
        var answer = ue.AnswerAka(challenge.UeResponse);
        Assert.AreEqual(Ims.Aka.Usim.UsimAnswerKind.Accepted, answer.Usim.Kind);
        var run = await net.RegisterAsync(ue, ue.Register(expires, answer.Authorization, wildcard), time);
        return (challenge, run);
    }

    public static T Single<T>(this FunctionOutcome outcome) where T : BusMessage =>
        outcome.Commands.Select(c => c.Message).OfType<T>().Single();

    public static IEnumerable<T> All<T>(this IEnumerable<FunctionOutcome> outcomes) where T : BusMessage =>
        outcomes.SelectMany(o => o.Commands).Select(c => c.Message).OfType<T>();

    /// <summary>Every command of the outcomes as the bus would carry it: JSON of the envelope, byte for byte.</summary>
    public static IEnumerable<string> Wire(this FunctionOutcome outcome) =>
        outcome.Commands.Select(c => Convert.ToBase64String(BusEnvelopeJson.Serialize(new BusEnvelope("cmd", ImsNetwork.T0, "edge-1", "p", "c", c.Message, c.Continuation))));

    public static IEnumerable<FunctionOutcome> Outcomes(this ChainRun run) =>
        new[] { run.Pcscf, run.Uar, run.Uaa }.OfType<FunctionOutcome>()
            .Concat(run.Scscf?.Outcomes ?? [])
            .Concat(new[] { run.IcscfRelay }.OfType<FunctionOutcome>())
            .Append(run.PcscfResponse);
}
