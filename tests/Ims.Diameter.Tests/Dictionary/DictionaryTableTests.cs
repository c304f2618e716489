using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;

namespace Ims.Diameter.Tests.Dictionary;

[TestClass]
public sealed class DictionaryTableTests
{
    private static readonly DiameterDictionary Ims = DiameterDictionary.Ims;

    [TestMethod]
    public void EveryRowHasAUniqueCodeVendorPairAndName()
    {
        Assert.HasCount(Ims.Avps.Count, Ims.Avps.Select(a => (a.Code, a.VendorId)).Distinct().ToList());
        Assert.HasCount(Ims.Avps.Count, Ims.Avps.Select(a => a.Name).Distinct().ToList());
        Assert.IsGreaterThan(250, Ims.Avps.Count);
    }

    [TestMethod]
    public void EveryRowCitesItsSpecAndHasConsistentVendorFlag()
    {
        foreach (var avp in Ims.Avps)
        {
            Assert.IsTrue(avp.Spec.StartsWith("RFC ", StringComparison.Ordinal) || avp.Spec.StartsWith("TS ", StringComparison.Ordinal), avp.Name);
            Assert.AreEqual(avp.VendorId != 0, avp.Flags.HasFlag(DiameterAvpFlags.VendorSpecific), avp.Name);
        }
    }

    [TestMethod]
    [DataRow(263u, 0u, "Session-Id", AvpType.UTF8String)]
    [DataRow(297u, 0u, "Experimental-Result", AvpType.Grouped)]
    [DataRow(612u, 10415u, "SIP-Auth-Data-Item", AvpType.Grouped)]
    [DataRow(603u, 10415u, "Server-Capabilities", AvpType.Grouped)]
    [DataRow(618u, 10415u, "Charging-Information", AvpType.Grouped)]
    [DataRow(628u, 10415u, "Supported-Features", AvpType.Grouped)]
    [DataRow(517u, 10415u, "Media-Component-Description", AvpType.Grouped)]
    [DataRow(519u, 10415u, "Media-Sub-Component", AvpType.Grouped)]
    [DataRow(507u, 10415u, "Flow-Description", AvpType.IPFilterRule)]
    [DataRow(513u, 10415u, "Specific-Action", AvpType.Enumerated)]
    [DataRow(505u, 10415u, "AF-Charging-Identifier", AvpType.OctetString)]
    [DataRow(456u, 0u, "Multiple-Services-Credit-Control", AvpType.Grouped)]
    [DataRow(437u, 0u, "Requested-Service-Unit", AvpType.Grouped)]
    [DataRow(420u, 0u, "CC-Time", AvpType.Unsigned32)]
    [DataRow(873u, 10415u, "Service-Information", AvpType.Grouped)]
    [DataRow(876u, 10415u, "IMS-Information", AvpType.Grouped)]
    [DataRow(831u, 10415u, "Calling-Party-Address", AvpType.UTF8String)]
    [DataRow(841u, 10415u, "IMS-Charging-Identifier", AvpType.UTF8String)]
    [DataRow(862u, 10415u, "Node-Functionality", AvpType.Enumerated)]
    [DataRow(838u, 10415u, "Inter-Operator-Identifier", AvpType.Grouped)]
    public void WellKnownAvpsAreInTheDictionary(uint code, uint vendor, string name, AvpType type)
    {
        var row = Ims.FindAvp(code, vendor);

        Assert.IsNotNull(row);
        Assert.AreEqual(name, row.Name);
        Assert.AreEqual(type, row.Type);
    }

    [TestMethod]
    [DataRow(16777216u, 300u, "UAR")]
    [DataRow(16777216u, 301u, "SAR")]
    [DataRow(16777216u, 302u, "LIR")]
    [DataRow(16777216u, 303u, "MAR")]
    [DataRow(16777216u, 304u, "RTR")]
    [DataRow(16777216u, 305u, "PPR")]
    [DataRow(16777236u, 265u, "AAR")]
    [DataRow(16777236u, 258u, "RAR")]
    [DataRow(16777236u, 275u, "STR")]
    [DataRow(16777236u, 274u, "ASR")]
    [DataRow(4u, 272u, "CCR")]
    [DataRow(16777216u, 280u, "DWR")]
    public void CommandsAreFoundByApplicationAndCode(uint application, uint code, string abbreviation)
    {
        Assert.AreEqual(abbreviation, Ims.FindCommand(application, code)?.RequestAbbreviation);
    }

    [TestMethod]
    public void CxCommandsAreNotFoundUnderRx()
    {
        Assert.IsNull(Ims.FindCommand(DiameterApplicationId.Rx.Value, 300));
    }

    [TestMethod]
    public void ResultCodesNameAndClassify()
    {
        Assert.AreEqual("DIAMETER_MISSING_AVP", DiameterResultCode.MissingAvp.Name);
        Assert.IsTrue(DiameterResultCode.InvalidAvpBits.IsProtocolError);
        Assert.IsFalse(DiameterResultCode.InvalidAvpLength.IsProtocolError);
        Assert.AreEqual(4012u, DiameterResultCode.CreditLimitReached.Value);
        Assert.AreEqual(5030u, DiameterResultCode.UserUnknown.Value);
        Assert.AreEqual("DIAMETER_ERROR_AUTH_SCHEME_NOT_SUPPORTED", DiameterExperimentalResultCode.ErrorAuthSchemeNotSupported.Name);
        Assert.AreEqual(5006u, DiameterExperimentalResultCode.ErrorAuthSchemeNotSupported.Value);
    }

    [TestMethod]
    public void TimeFollowsNtpEras()
    {
        Assert.AreEqual(new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(0x80000000u), DiameterTime.FromNtpSeconds(0x80000000u));
        var after2036 = new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.AreEqual(after2036, DiameterTime.FromNtpSeconds(DiameterTime.ToNtpSeconds(after2036)));
        Assert.IsLessThan(0x80000000u, DiameterTime.ToNtpSeconds(after2036));
    }
}
