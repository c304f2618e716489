using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using Ims.Diameter.Building;
using Ims.Diameter.Codec;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;

namespace Ims.Benchmarks;

/// <summary>Encode and decode the two Cx answers the S-CSCF waits on: a MAA with one SIP-Auth-Data-Item and a SAA with 4 KiB of User-Data.</summary>
[MemoryDiagnoser]
public class DiameterBenchmarks
{
    private DiameterMessage _maa = null!;
    private DiameterMessage _saa = null!;
    private byte[] _maaBytes = [];
    private byte[] _saaBytes = [];
    private readonly ArrayBufferWriter<byte> _writer = new(8192);

    [GlobalSetup]
    public void Setup()
    {
        _maa = Answer(DiameterCommands.MultimediaAuth)
            .Add(Avps.UserName, "001010000000001@ims.mnc001.mcc001.3gppnetwork.org")
            .Add(Avps.PublicIdentity, "sip:001010000000001@ims.mnc001.mcc001.3gppnetwork.org")
            .Add(Avps.SipNumberAuthItems, 1u)
            .Add(Avps.SipAuthDataItem, item => item
                .Add(Avps.SipItemNumber, 1u)
                .Add(Avps.SipAuthenticationScheme, "Digest-AKAv1-MD5")
                .Add(Avps.SipAuthenticate, new byte[32])
                .Add(Avps.SipAuthorization, new byte[8])
                .Add(Avps.ConfidentialityKey, new byte[16])
                .Add(Avps.IntegrityKey, new byte[16]))
            .Build();
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><IMSSubscription>");
        while (xml.Length < 4096 - 20)
        {
            xml.Append("<PublicIdentity><Identity>sip:alice@ims</Identity></PublicIdentity>");
        }

        xml.Append("</IMSSubscription>");
        _saa = Answer(DiameterCommands.ServerAssignment)
            .Add(Avps.UserName, "001010000000001@ims.mnc001.mcc001.3gppnetwork.org")
            .Add(Avps.UserData, xml.ToString()[..4096])
            .Add(Avps.ChargingInformation, c => c.Add(Avps.PrimaryEventChargingFunctionName, "aaa://ocs.ims:3868"))
            .Build();
        _maaBytes = DiameterEncoder.Encode(_maa);
        _saaBytes = DiameterEncoder.Encode(_saa);
    }

    [Benchmark]
    public int EncodeMaa()
    {
        _writer.ResetWrittenCount();
        return DiameterEncoder.Encode(_maa, _writer);
    }

    [Benchmark]
    public DiameterMessage? DecodeMaa() => DiameterDecoder.Decode(_maaBytes).Message;

    [Benchmark]
    public int EncodeSaaWithUserData()
    {
        _writer.ResetWrittenCount();
        return DiameterEncoder.Encode(_saa, _writer);
    }

    [Benchmark]
    public DiameterMessage? DecodeSaaWithUserData() => DiameterDecoder.Decode(_saaBytes).Message;

    private static DiameterMessageBuilder Answer(CommandDefinition command)
    {
        var request = DiameterMessageBuilder.Request(command, 1, 2).Add(Avps.SessionId, "scscf.ims.mnc001.mcc001.3gppnetwork.org;1;1").Build();
        return DiameterMessageBuilder.Answer(request)
            .Add(Avps.VendorSpecificApplicationId, a => a.Add(Avps.VendorId, DiameterVendorId.ThirdGeneration).Add(Avps.AuthApplicationId, DiameterApplicationId.Cx.Value))
            .Add(Avps.AuthSessionState, 1u)
            .Add(Avps.OriginHost, "hss.ims.mnc001.mcc001.3gppnetwork.org")
            .Add(Avps.OriginRealm, "ims.mnc001.mcc001.3gppnetwork.org")
            .AddResultCode(DiameterResultCode.Success);
    }
}
