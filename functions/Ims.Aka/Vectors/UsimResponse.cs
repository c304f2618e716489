using System.Text;
using Ims.Aka.Sequence;

namespace Ims.Aka.Vectors;

/// <summary>
/// What a USIM derives from an authentic challenge: the SQN it carried and RES, CK, IK.
/// Whether SQN is fresh is the USIM's own state (TS 33.102 C.2), left to the caller.
/// </summary>
public sealed record UsimResponse
{
    internal UsimResponse(SequenceNumber sqn, byte[] res, byte[] ck, byte[] ik)
    {
        Sqn = sqn;
        Res = res;
        Ck = ck;
        Ik = ik;
    }

    public SequenceNumber Sqn { get; }

    public ReadOnlyMemory<byte> Res { get; }

    public ReadOnlyMemory<byte> Ck { get; }

    public ReadOnlyMemory<byte> Ik { get; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Sqn = ").Append(Sqn).Append(", Res = [redacted], Ck = [redacted], Ik = [redacted]");
        return true;
    }
}
