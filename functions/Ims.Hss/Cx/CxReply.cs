using Ims.Diameter.Messages;

namespace Ims.Hss.Cx;

/// <summary>
/// What a command handler returns: the answer and, when the handler has more to say than the
/// result code (vectors issued, S-CSCF assigned ...), the detail of the decision. Refusals carry
/// no detail: <see cref="HomeSubscriberServer"/> names their result code.
/// </summary>
internal sealed record CxReply(DiameterMessage Answer, string? Detail = null)
{
    public static implicit operator CxReply(DiameterMessage answer) => FromAnswer(answer);

    public static CxReply FromAnswer(DiameterMessage answer) => new(answer);
}
