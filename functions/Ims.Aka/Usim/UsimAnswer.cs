using System.Text;
using Ims.Aka.Vectors;

namespace Ims.Aka.Usim;

/// <summary>What a simulated USIM sends back for an authentic challenge, and its state afterwards.</summary>
public sealed record UsimAnswer
{
    private UsimAnswer(UsimAnswerKind kind, UsimResponse? response, byte[] auts, UsimSqnState state)
    {
        Kind = kind;
        Response = response;
        Auts = auts;
        State = state;
    }

    public UsimAnswerKind Kind { get; }

    /// <summary>RES, CK, IK and the SQN accepted; null on a synchronisation failure.</summary>
    public UsimResponse? Response { get; }

    /// <summary>AUTS = (SQN_MS xor AK*) || MAC-S (14 bytes); empty when accepted.</summary>
    public ReadOnlyMemory<byte> Auts { get; }

    /// <summary>The USIM's state after this challenge (unchanged on a synchronisation failure).</summary>
    public UsimSqnState State { get; }

    internal static UsimAnswer Accepted(UsimResponse response, UsimSqnState state) =>
        new(UsimAnswerKind.Accepted, response, [], state);

    internal static UsimAnswer SynchronisationFailure(byte[] auts, UsimSqnState state) =>
        new(UsimAnswerKind.SynchronisationFailure, null, auts, state);

    // Response redacts RES, CK and IK itself; AUTS travels in clear in the SIP Authorization header.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Kind = ").Append(Kind)
            .Append(", Response = ").Append(Response)
            .Append(", Auts = ").Append(Convert.ToHexStringLower(Auts.Span))
            .Append(", State = ").Append(State);
        return true;
    }
}
