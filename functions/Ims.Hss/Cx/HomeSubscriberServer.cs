using Ims.Aka.Vectors;
using Ims.Diameter.Answers;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Validation;
using Ims.Diameter.Values;
using Ims.Storage;

namespace Ims.Hss.Cx;

/// <summary>
/// The HSS side of Cx (TS 29.228 6, TS 29.229 6.1) as a pure handler: one decoded request in, its
/// answer out, with the sentence saying what was decided, reading and writing subscriber rows
/// through <see cref="ITableStore"/>. RAND comes from the injected <see cref="IRandomSource"/> and
/// the time of registration changes from the injected <see cref="TimeProvider"/>; nothing else is
/// taken from the environment.
/// </summary>
/// <remarks>
/// UAR, MAR, SAR and LIR are served. A request that fails the dictionary's checks gets the base
/// error answer (RFC 6733 7.1: DIAMETER_MISSING_AVP with Failed-AVP, DIAMETER_COMMAND_UNSUPPORTED,
/// DIAMETER_APPLICATION_UNSUPPORTED ...). RTR and PPR are requests the HSS sends, never receives:
/// they, and anything outside Cx, are DIAMETER_COMMAND_UNSUPPORTED or DIAMETER_APPLICATION_UNSUPPORTED.
/// Nothing throws out of <see cref="HandleAsync"/>: a store failure becomes DIAMETER_UNABLE_TO_COMPLY.
/// </remarks>
public sealed class HomeSubscriberServer
{
    private readonly HssOptions _options;
    private readonly UserAuthorizationHandler _userAuthorization;
    private readonly MultimediaAuthHandler _multimediaAuth;
    private readonly ServerAssignmentHandler _serverAssignment;
    private readonly LocationInfoHandler _locationInfo;

    public HomeSubscriberServer(ITableStore store, HssOptions options, IRandomSource random, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _userAuthorization = new UserAuthorizationHandler(store, options);
        _multimediaAuth = new MultimediaAuthHandler(store, options, random);
        _serverAssignment = new ServerAssignmentHandler(store, options, time);
        _locationInfo = new LocationInfoHandler(store, options);
    }

    /// <summary>True for the commands this handler answers: Cx UAR, SAR, LIR and MAR.</summary>
    public static bool Serves(DiameterMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.IsRequest && message.ApplicationId == DiameterApplicationId.Cx.Value
            && message.CommandCode is 300 or 301 or 302 or 303;
    }

    /// <summary>
    /// The answer to <paramref name="request"/> and the decision it carries; null only when it is
    /// not a request (answers are never answered, RFC 6733 7.2).
    /// </summary>
    public async Task<CxAnswered?> HandleAsync(DiameterMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.IsRequest)
        {
            return null;
        }

        var reply = await ReplyAsync(request, cancellationToken).ConfigureAwait(false);
        return new CxAnswered(reply.Answer, CxDecision.Describe(request, reply));
    }

    /// <summary>
    /// The answer to bytes that did not decode (RFC 6733 7.2: e.g. DIAMETER_INVALID_AVP_LENGTH with
    /// Failed-AVP), or null when not even a request header could be read: nothing can be answered.
    /// </summary>
    public CxAnswered? Reject(DiameterDecodeError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return DiameterErrorAnswer.Create(error, _options.OriginHost, _options.OriginRealm) is { } answer
            ? new CxAnswered(answer, $"undecodable request refused: {error.ResultCode.Name} ({error.Detail})")
            : null;
    }

    private async Task<CxReply> ReplyAsync(DiameterMessage request, CancellationToken cancellationToken)
    {
        if (DiameterRequestValidator.Validate(request) is { } invalid)
        {
            return DiameterErrorAnswer.Create(invalid, _options.OriginHost, _options.OriginRealm)!;
        }

        if (request.ApplicationId != DiameterApplicationId.Cx.Value)
        {
            return Refuse(request, DiameterErrorReason.ApplicationUnsupported, $"application {request.ApplicationId} is not served by the HSS");
        }

        try
        {
            return request.CommandCode switch
            {
                300 => await _userAuthorization.HandleAsync(request, cancellationToken).ConfigureAwait(false),
                301 => await _serverAssignment.HandleAsync(request, cancellationToken).ConfigureAwait(false),
                302 => await _locationInfo.HandleAsync(request, cancellationToken).ConfigureAwait(false),
                303 => await _multimediaAuth.HandleAsync(request, cancellationToken).ConfigureAwait(false),
                _ => Refuse(request, DiameterErrorReason.CommandUnsupported, $"command {request.CommandCode} is not served by the HSS"),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A store or programmer failure: the peer gets a definite answer (RFC 6733 7.1.5), the
            // message names the failure's type only (its text could carry identities or values).
            return CxAnswer.Result(request, _options, DiameterResultCode.UnableToComply, $"HSS failure: {ex.GetType().Name}");
        }
    }

    private DiameterMessage Refuse(DiameterMessage request, DiameterErrorReason reason, string detail) =>
        DiameterErrorAnswer.Create(new DiameterDecodeError(reason, detail, request.Header, null, request.SessionId), _options.OriginHost, _options.OriginRealm)!;
}
