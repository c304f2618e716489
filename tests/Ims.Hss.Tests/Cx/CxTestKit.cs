using Ims.Diameter.Values;
using Ims.Aka.Vectors;
using Ims.Diameter.Building;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Hss.Cx;
using Ims.Hss.Provisioning;
using Microsoft.Extensions.Time.Testing;

namespace Ims.Hss.Tests.Cx;

/// <summary>Cx requests as an I-CSCF or S-CSCF sends them, passed through the codec so handlers see decoded messages.</summary>
internal static class CxTestKit
{
    public const string Impi = "alice@ims.example";
    public const string Impu = "sip:alice@ims.example";
    public const string Tel = "tel:+15550100";
    public const string Scscf = "sip:scscf.ims.example:6060";

    public static HssOptions Options { get; } = new()
    {
        OriginHost = "hss.ims.example",
        OriginRealm = "ims.example",
        ScscfNames = [Scscf],
        MandatoryCapabilities = [1],
        PrimaryChargingCollectionFunction = "aaa://ccf.ims.example",
        PrimaryEventChargingFunction = "aaa://ecf.ims.example",
    };

    /// <summary>The clock every test HSS reads: fixed, so ChangedAt is asserted exactly.</summary>
    public static DateTimeOffset Now { get; } = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    public static TimeProvider Clock { get; } = new FakeTimeProvider(Now);

    public static async Task<HomeSubscriberServer> HssWithAliceAsync(TempStore temp, string? password = null, string? ifc = null, IRandomSource? random = null)
    {
        var result = await new SubscriberProvisioning(temp.Store).AddAsync(TestSubscribers.Alice(password, ifc), CancellationToken.None);
        Assert.IsTrue(result.IsOk, string.Join("; ", result.Errors));
        return new HomeSubscriberServer(temp.Store, Options, random ?? new CountingRandom(), Clock);
    }

    public static DiameterMessage Uar(string? impi = Impi, string impu = Impu, string visited = "ims.example", UserAuthorizationType? type = null)
    {
        var builder = Head(DiameterCommands.UserAuthorization);
        if (impi is not null)
        {
            builder.Add(Avps.UserName, impi);
        }

        builder.Add(Avps.PublicIdentity, impu).Add(Avps.VisitedNetworkIdentifier, visited);
        if (type is { } t)
        {
            builder.Add(Avps.UserAuthorizationType, (uint)t);
        }

        return Wire(builder.Build());
    }

    public static DiameterMessage Mar(string impi = Impi, string impu = Impu, string scheme = "Digest-AKAv1-MD5", uint count = 1, string server = Scscf, byte[]? authorization = null)
    {
        var builder = Head(DiameterCommands.MultimediaAuth)
            .Add(Avps.UserName, impi)
            .Add(Avps.PublicIdentity, impu)
            .Add(Avps.SipNumberAuthItems, count)
            .Add(Avps.SipAuthDataItem, item =>
            {
                item.Add(Avps.SipAuthenticationScheme, scheme);
                if (authorization is not null)
                {
                    item.Add(Avps.SipAuthorization, authorization);
                }
            })
            .Add(Avps.ServerName, server);
        return Wire(builder.Build());
    }

    public static DiameterMessage Sar(ServerAssignmentType type, string? impi = Impi, string? impu = Impu, string server = Scscf, UserDataAlreadyAvailable available = UserDataAlreadyAvailable.UserDataNotAvailable)
    {
        var builder = Head(DiameterCommands.ServerAssignment);
        if (impi is not null)
        {
            builder.Add(Avps.UserName, impi);
        }

        if (impu is not null)
        {
            builder.Add(Avps.PublicIdentity, impu);
        }

        builder.Add(Avps.ServerName, server)
            .Add(Avps.ServerAssignmentType, (uint)type)
            .Add(Avps.UserDataAlreadyAvailable, (uint)available);
        return Wire(builder.Build());
    }

    public static DiameterMessage Lir(string impu = Impu) =>
        Wire(Head(DiameterCommands.LocationInfo).Add(Avps.PublicIdentity, impu).Build());

    public static DiameterMessageBuilder Head(CommandDefinition command) =>
        DiameterMessageBuilder.Request(command, 0x1234, 0x5678)
            .Add(Avps.SessionId, "icscf.ims.example;1;2")
            .Add(Avps.VendorSpecificApplicationId, g => g.Add(Avps.VendorId, 10415u).Add(Avps.AuthApplicationId, 16777216u))
            .Add(Avps.AuthSessionState, 1u)
            .Add(Avps.OriginHost, "icscf.ims.example")
            .Add(Avps.OriginRealm, "ims.example")
            .Add(Avps.DestinationRealm, "ims.example");

    public static DiameterMessage Wire(DiameterMessage message)
    {
        var decoded = DiameterDecoder.Decode(DiameterEncoder.Encode(message));
        Assert.IsTrue(decoded.IsSuccess, decoded.Error?.ToString());
        return decoded.Message;
    }

    /// <summary>Handles the request and passes the answer through the codec, as the edge would send it.</summary>
    public static async Task<DiameterMessage> AnswerAsync(this HomeSubscriberServer hss, DiameterMessage request)
    {
        var answer = (await hss.DecideAsync(request)).Answer;
        Assert.IsFalse(answer.IsRequest);
        Assert.AreEqual(request.CommandCode, answer.CommandCode);
        Assert.AreEqual(request.Header.HopByHopId, answer.Header.HopByHopId);
        Assert.AreEqual(request.SessionId, answer.SessionId);
        return Wire(answer);
    }

    /// <summary>The answer with its decision sentence, checked never to carry the subscriber's secrets.</summary>
    public static async Task<CxAnswered> DecideAsync(this HomeSubscriberServer hss, DiameterMessage request)
    {
        var answered = await hss.HandleAsync(request, CancellationToken.None);
        Assert.IsNotNull(answered);
        Assert.DoesNotContain(TestSubscribers.K, answered.Decision, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestSubscribers.Opc, answered.Decision, StringComparison.OrdinalIgnoreCase);
        return answered;
    }

    /// <summary>"2001" for Result-Code 2001, "e2001" for Experimental-Result-Code 2001 of vendor 10415.</summary>
    public static string ResultOf(DiameterMessage answer)
    {
        if (answer.GetUnsigned32(Avps.ResultCode) is { } code)
        {
            return code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var experimental = answer.Find(Avps.ExperimentalResult);
        Assert.IsNotNull(experimental, "answer has neither Result-Code nor Experimental-Result");
        Assert.IsTrue(experimental.Find(Avps.VendorId.Code)!.TryGetUnsigned32(out var vendor));
        Assert.AreEqual(10415u, vendor);
        Assert.IsTrue(experimental.Find(Avps.ExperimentalResultCode.Code)!.TryGetUnsigned32(out var value));
        return "e" + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string? Child(DiameterAvp group, AvpDefinition definition) => group.Find(definition.Code, definition.VendorId)?.GetString();

    public static byte[] ChildBytes(DiameterAvp group, AvpDefinition definition) => group.Find(definition.Code, definition.VendorId)!.Data.ToArray();
}

/// <summary>Deterministic, thread-safe RAND: each call fills with a new counter value.</summary>
internal sealed class CountingRandom : IRandomSource
{
    private long _next;

    public void Fill(Span<byte> destination)
    {
        var value = Interlocked.Increment(ref _next);
        destination.Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(destination[^8..], value);
        destination[0] = 0xA5;
    }
}
