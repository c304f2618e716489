using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;

namespace Ims.Hss.Cx;

/// <summary>
/// The decision sentence of a Cx answer: "{answer}: {what the handler decided}" for a success the
/// handler described, else "{answer}: {result} for {identity}", with the Error-Message when there is
/// one. Built only from identities, result codes and the handler's own detail, never from vectors.
/// </summary>
internal static class CxDecision
{
    public static string Describe(DiameterMessage request, CxReply reply)
    {
        var answer = reply.Answer;
        var name = DiameterDictionary.Ims.FindCommand(request.ApplicationId, request.CommandCode)?.AnswerAbbreviation
            ?? $"answer to command {request.CommandCode}";
        if (reply.Detail is { } detail)
        {
            return $"{name}: {detail}";
        }

        var identity = request.GetString(Avps.PublicIdentity) ?? request.GetString(Avps.UserName);
        var sentence = $"{name}: {Result(answer)}{(identity is null ? "" : $" for {identity}")}";
        return answer.GetString(Avps.ErrorMessage) is { Length: > 0 } message ? $"{sentence} ({message})" : sentence;
    }

    /// <summary>The Result-Code or 3GPP Experimental-Result-Code by name, e.g. DIAMETER_ERROR_USER_UNKNOWN.</summary>
    public static string Result(DiameterMessage answer)
    {
        if (answer.GetUnsigned32(Avps.ResultCode) is { } result)
        {
            return new DiameterResultCode(result).Name;
        }

        return answer.Find(Avps.ExperimentalResult)?.Find(Avps.ExperimentalResultCode.Code) is { } code && code.TryGetUnsigned32(out var experimental)
            ? new DiameterExperimentalResultCode(experimental).Name
            : "no result";
    }
}
