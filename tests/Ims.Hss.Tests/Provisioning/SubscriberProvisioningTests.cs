using Ims.Aka.Milenage;
using Ims.Aka.Digest;
using Ims.Hss.Provisioning;
using Ims.Hss.Subscribers;

namespace Ims.Hss.Tests.Provisioning;

[TestClass]
public sealed class SubscriberProvisioningTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [TestMethod]
    public async Task AddWritesImpiWithOpcDerivedFromOpAndEveryImpuNotRegistered()
    {
        using var temp = TempStore.Create();
        var provisioning = new SubscriberProvisioning(temp.Store);

        var result = await provisioning.AddAsync(TestSubscribers.Alice(), None);

        Assert.IsTrue(result.IsOk, string.Join("; ", result.Errors));
        var impi = (await SubscriberTables.ReadImpiAsync(temp.Store, "alice@ims.example", None))!.Value.Record;
        CollectionAssert.AreEqual(Convert.FromHexString(TestSubscribers.K), impi.Keys.K.ToArray());
        // TS 35.208 test set 1: OPc of that K and OP.
        CollectionAssert.AreEqual(Convert.FromHexString(TestSubscribers.Opc), impi.Keys.Opc.ToArray());
        CollectionAssert.AreEqual(new byte[] { 0x80, 0x00 }, impi.Amf.ToArray());
        Assert.AreEqual(0L, impi.Sqn);
        Assert.AreEqual(AuthSchemes.AkaV1Md5 | AuthSchemes.AkaV2Md5, impi.Schemes);
        Assert.IsNull(impi.DigestHa1);
        CollectionAssert.AreEqual(new[] { "sip:alice@ims.example", "tel:+15550100" }, impi.Impus.ToArray());
        foreach (var uri in impi.Impus)
        {
            var impu = (await SubscriberTables.ReadImpuAsync(temp.Store, uri, None))!.Value.Record;
            Assert.AreEqual("alice@ims.example", impu.Impi);
            Assert.AreEqual(RegistrationState.NotRegistered, impu.State);
            Assert.IsNull(impu.ServerName);
            Assert.IsFalse(impu.Barred);
        }
    }

    [TestMethod]
    public async Task AddWithPasswordAllowsDigestWithHa1ForTheImpiDomain()
    {
        using var temp = TempStore.Create();
        var provisioning = new SubscriberProvisioning(temp.Store);

        Assert.IsTrue((await provisioning.AddAsync(TestSubscribers.Alice(password: "secret"), None)).IsOk);

        var impi = (await SubscriberTables.ReadImpiAsync(temp.Store, "alice@ims.example", None))!.Value.Record;
        Assert.AreEqual(AuthSchemes.AkaV1Md5 | AuthSchemes.AkaV2Md5 | AuthSchemes.DigestMd5, impi.Schemes);
        Assert.AreEqual("ims.example", impi.DigestRealm);
        Assert.AreEqual(DigestHa1.FromPassword(DigestHash.Md5, "alice@ims.example", "ims.example", "secret").Hex, impi.DigestHa1);
    }

    [TestMethod]
    public async Task AddWithOpcStoresItAsGivenAndCustomAmfAndSqn()
    {
        using var temp = TempStore.Create();
        var provisioning = new SubscriberProvisioning(temp.Store);

        var result = await provisioning.AddAsync(TestSubscribers.Bob() with { Amf = "b9b9", Sqn = "ff9bb4d0b607" }, None);

        Assert.IsTrue(result.IsOk);
        var impi = (await SubscriberTables.ReadImpiAsync(temp.Store, "bob@ims.example", None))!.Value.Record;
        CollectionAssert.AreEqual(Convert.FromHexString(TestSubscribers.Opc), impi.Keys.Opc.ToArray());
        CollectionAssert.AreEqual(new byte[] { 0xb9, 0xb9 }, impi.Amf.ToArray());
        Assert.AreEqual(0xff9bb4d0b607L, impi.Sqn);
    }

    public static IEnumerable<object[]> InvalidSpecs()
    {
        var alice = TestSubscribers.Alice();
        yield return [alice with { Impi = "alice" }, ProvisioningErrorKind.InvalidImpi];
        yield return [alice with { Impi = "" }, ProvisioningErrorKind.InvalidImpi];
        yield return [alice with { Impus = [new ImpuSpec("alice@ims.example")] }, ProvisioningErrorKind.InvalidImpu];
        yield return [alice with { Impus = [new ImpuSpec("http://ims.example")] }, ProvisioningErrorKind.InvalidImpu];
        yield return [alice with { Impus = [] }, ProvisioningErrorKind.InvalidImpu];
        yield return [alice with { Impus = [new ImpuSpec("sip:a@ims.example"), new ImpuSpec("SIP:A@IMS.EXAMPLE")] }, ProvisioningErrorKind.DuplicateImpu];
        yield return [alice with { K = "zz5b5ce8b199b49faa5f0a2ee238a6bc" }, ProvisioningErrorKind.InvalidHex];
        yield return [alice with { K = "465b5ce8b199b49faa5f0a2ee238a6" }, ProvisioningErrorKind.InvalidLength];
        yield return [alice with { Op = "cdc2" }, ProvisioningErrorKind.InvalidLength];
        yield return [alice with { Op = null }, ProvisioningErrorKind.OperatorKeyChoice];
        yield return [alice with { Opc = TestSubscribers.Opc }, ProvisioningErrorKind.OperatorKeyChoice];
        yield return [alice with { Amf = "800" }, ProvisioningErrorKind.InvalidHex];
        yield return [alice with { Amf = "800000" }, ProvisioningErrorKind.InvalidLength];
        yield return [alice with { Sqn = "0000000000" }, ProvisioningErrorKind.InvalidLength];
        yield return [alice with { Sqn = "00000000000g" }, ProvisioningErrorKind.InvalidHex];
        yield return [alice with { IfcXml = "<InitialFilterCriteria><Priority>x</Priority></InitialFilterCriteria>" }, ProvisioningErrorKind.InvalidIfc];
        yield return [alice with { IfcXml = "<nope" }, ProvisioningErrorKind.InvalidIfc];
        yield return [alice with { IfcXml = "<Other/>" }, ProvisioningErrorKind.InvalidIfc];
    }

    [TestMethod]
    [DynamicData(nameof(InvalidSpecs))]
    public async Task EveryValidationErrorIsReportedAndChangesNothing(SubscriberSpec spec, ProvisioningErrorKind expected)
    {
        using var temp = TempStore.Create();
        var provisioning = new SubscriberProvisioning(temp.Store);
        Assert.IsTrue((await provisioning.AddAsync(TestSubscribers.Bob(), None)).IsOk);
        var before = await temp.SnapshotAsync();

        var result = await provisioning.AddAsync(spec, None);

        Assert.IsFalse(result.IsOk);
        Assert.IsTrue(result.Errors.Any(e => e.Kind == expected), string.Join("; ", result.Errors));
        CollectionAssert.AreEqual(before.ToArray(), (await temp.SnapshotAsync()).ToArray());
    }

    [TestMethod]
    public async Task ErrorMessagesNeverEchoSecrets()
    {
        using var temp = TempStore.Create();
        var provisioning = new SubscriberProvisioning(temp.Store);
        var spec = TestSubscribers.Alice(password: "hunter2") with { K = TestSubscribers.K + "00" };

        var result = await provisioning.AddAsync(spec, None);

        var text = string.Join("; ", result.Errors) + spec;
        Assert.DoesNotContain(TestSubscribers.K, text);
        Assert.DoesNotContain(TestSubscribers.Op, text);
        Assert.DoesNotContain("hunter2", text);
    }

    [TestMethod]
    public async Task AddRefusesAnImpuAlreadyOwnedAndWritesNothing()
    {
        using var temp = TempStore.Create();
        var provisioning = new SubscriberProvisioning(temp.Store);
        Assert.IsTrue((await provisioning.AddAsync(TestSubscribers.Bob(), None)).IsOk);
        var before = await temp.SnapshotAsync();

        var result = await provisioning.AddAsync(TestSubscribers.Alice() with { Impus = [new ImpuSpec("sip:alice@ims.example"), new ImpuSpec("sip:bob@ims.example")] }, None);

        Assert.AreEqual(ProvisioningErrorKind.ImpuOwned, result.Errors.Single().Kind);
        Assert.Contains("bob@ims.example", result.Errors[0].Message);
        CollectionAssert.AreEqual(before.ToArray(), (await temp.SnapshotAsync()).ToArray());
    }

    [TestMethod]
    public async Task AddRefusesAnImpiAlreadyProvisioned()
    {
        using var temp = TempStore.Create();
        var provisioning = new SubscriberProvisioning(temp.Store);
        Assert.IsTrue((await provisioning.AddAsync(TestSubscribers.Bob(), None)).IsOk);
        var before = await temp.SnapshotAsync();

        var result = await provisioning.AddAsync(TestSubscribers.Bob() with { Impus = [new ImpuSpec("sip:bob2@ims.example")] }, None);

        Assert.AreEqual(ProvisioningErrorKind.ImpiExists, result.Errors.Single().Kind);
        CollectionAssert.AreEqual(before.ToArray(), (await temp.SnapshotAsync()).ToArray());
    }

    [TestMethod]
    public async Task ShowGivesIdentitiesStateSqnAndSchemesButNoSecrets()
    {
        using var temp = TempStore.Create();
        var provisioning = new SubscriberProvisioning(temp.Store);
        await provisioning.AddAsync(TestSubscribers.Alice(password: "secret", ifc: TestSubscribers.Ifc) with { Sqn = "000000000021" }, None);

        var view = await provisioning.ShowAsync("alice@ims.example", None);

        var lines = view!.ToLines().ToList();
        CollectionAssert.AreEqual(
            new[]
            {
                "impi: alice@ims.example",
                "impu: sip:alice@ims.example not-registered",
                "impu: tel:+15550100 not-registered",
                "sqn: 000000000021",
                "amf: 8000",
                "schemes: AKAv1-MD5 AKAv2-MD5 Digest-MD5",
                "realm: ims.example",
                "ifc: 1",
            },
            lines);
        var text = string.Join("\n", lines) + view;
        Assert.DoesNotContain(TestSubscribers.K, text);
        Assert.DoesNotContain(TestSubscribers.Opc, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(DigestHa1.FromPassword(DigestHash.Md5, "alice@ims.example", "ims.example", "secret").Hex, text);
    }

    [TestMethod]
    public async Task ShowOfAnUnknownImpiIsNull()
    {
        using var temp = TempStore.Create();
        Assert.IsNull(await new SubscriberProvisioning(temp.Store).ShowAsync("nobody@ims.example", None));
    }

    [TestMethod]
    public async Task ListGivesEverySubscriberInImpiOrder()
    {
        using var temp = TempStore.Create();
        var provisioning = new SubscriberProvisioning(temp.Store);
        await provisioning.AddAsync(TestSubscribers.Bob(), None);
        await provisioning.AddAsync(TestSubscribers.Alice(), None);

        var list = await provisioning.ListAsync(None);

        Assert.HasCount(2, list);
        Assert.AreEqual("alice@ims.example", list[0].Impi);
        CollectionAssert.AreEqual(new[] { "sip:alice@ims.example", "tel:+15550100" }, list[0].Impus.ToArray());
        Assert.AreEqual("bob@ims.example", list[1].Impi);
    }

    [TestMethod]
    public async Task RemoveDeletesTheImpiAndItsImpusAndFreesThemForReuse()
    {
        using var temp = TempStore.Create();
        var provisioning = new SubscriberProvisioning(temp.Store);
        await provisioning.AddAsync(TestSubscribers.Alice(), None);
        await provisioning.AddAsync(TestSubscribers.Bob(), None);

        Assert.IsTrue((await provisioning.RemoveAsync("alice@ims.example", None)).IsOk);

        Assert.IsNull(await provisioning.ShowAsync("alice@ims.example", None));
        Assert.IsNull(await SubscriberTables.ReadImpuAsync(temp.Store, "tel:+15550100", None));
        Assert.IsNotNull(await provisioning.ShowAsync("bob@ims.example", None));
        Assert.IsTrue((await provisioning.AddAsync(TestSubscribers.Alice(), None)).IsOk);
    }

    [TestMethod]
    public async Task RemoveOfAnUnknownImpiIsUnknownUser()
    {
        using var temp = TempStore.Create();
        var result = await new SubscriberProvisioning(temp.Store).RemoveAsync("nobody@ims.example", None);
        Assert.AreEqual(ProvisioningErrorKind.UnknownUser, result.Errors.Single().Kind);
    }

    [TestMethod]
    public async Task ImportWritesEverySubscriberOfTheArray()
    {
        using var temp = TempStore.Create();
        var provisioning = new SubscriberProvisioning(temp.Store);
        var json = $$"""
            [
              { "impi": "alice@ims.example", "impus": ["sip:alice@ims.example", { "impu": "tel:+15550100", "barred": true, "implicitSet": "2" }],
                "k": "{{TestSubscribers.K}}", "op": "{{TestSubscribers.Op}}", "password": "pw" },
              { "impi": "bob@ims.example", "impu": "sip:bob@ims.example", "k": "{{TestSubscribers.K}}", "opc": "{{TestSubscribers.Opc}}", "sqn": "000000000040" }
            ]
            """;

        var result = await provisioning.ImportAsync(json, None);

        Assert.IsTrue(result.IsOk, string.Join("; ", result.Errors));
        var tel = (await SubscriberTables.ReadImpuAsync(temp.Store, "tel:+15550100", None))!.Value.Record;
        Assert.IsTrue(tel.Barred);
        Assert.AreEqual("2", tel.ImplicitSet);
        var bob = (await provisioning.ShowAsync("bob@ims.example", None))!;
        Assert.AreEqual(0x40L, bob.Sqn);
        Assert.AreEqual(AuthSchemes.AkaV1Md5 | AuthSchemes.AkaV2Md5, bob.Schemes);
    }

    [TestMethod]
    [DataRow("not json")]
    [DataRow("{}")]
    [DataRow("[]")]
    [DataRow("[1]")]
    [DataRow("[{\"impi\": \"a@b\", \"k\": \"00\", \"colour\": \"red\"}]")]
    public async Task ImportOfAMalformedFileWritesNothing(string json)
    {
        using var temp = TempStore.Create();
        var result = await new SubscriberProvisioning(temp.Store).ImportAsync(json, None);
        Assert.IsFalse(result.IsOk);
        Assert.AreEqual(ProvisioningErrorKind.InvalidImportFile, result.Errors[0].Kind);
        Assert.IsEmpty(await temp.SnapshotAsync());
    }

    [TestMethod]
    public async Task ImportWithOneBadEntryReportsEachErrorByEntryAndWritesNothing()
    {
        using var temp = TempStore.Create();
        var provisioning = new SubscriberProvisioning(temp.Store);
        Assert.IsTrue((await provisioning.AddAsync(TestSubscribers.Bob(), None)).IsOk);
        var before = await temp.SnapshotAsync();
        var json = $$"""
            [
              { "impi": "alice@ims.example", "impus": ["sip:alice@ims.example"], "k": "{{TestSubscribers.K}}", "op": "{{TestSubscribers.Op}}" },
              { "impi": "carol@ims.example", "impus": ["sip:carol@ims.example"], "k": "1234", "op": "{{TestSubscribers.Op}}" },
              { "impi": "dave@ims.example", "impus": ["sip:bob@ims.example"], "k": "{{TestSubscribers.K}}", "op": "{{TestSubscribers.Op}}" },
              { "impi": "erin@ims.example", "impus": ["sip:alice@ims.example"], "k": "{{TestSubscribers.K}}", "op": "{{TestSubscribers.Op}}" }
            ]
            """;

        var result = await provisioning.ImportAsync(json, None);

        Assert.IsFalse(result.IsOk);
        Assert.IsTrue(result.Errors.Any(e => e.Entry == 1 && e.Kind == ProvisioningErrorKind.InvalidLength));
        Assert.IsTrue(result.Errors.Any(e => e.Entry == 2 && e.Kind == ProvisioningErrorKind.ImpuOwned));
        Assert.IsTrue(result.Errors.Any(e => e.Entry == 3 && e.Kind == ProvisioningErrorKind.DuplicateImpu));
        Assert.IsFalse(result.Errors.Any(e => e.Entry == 0));
        CollectionAssert.AreEqual(before.ToArray(), (await temp.SnapshotAsync()).ToArray());
    }

    [TestMethod]
    public void RecordsNeverShowSecretsInToString()
    {
        var keys = SubscriberKeys.FromOp(Convert.FromHexString(TestSubscribers.K), Convert.FromHexString(TestSubscribers.Op));
        var record = new ImpiRecord
        {
            Impi = "alice@ims.example", Keys = keys, Amf = new byte[] { 0x80, 0 }, Sqn = 1,
            Schemes = AuthSchemes.DigestMd5, DigestHa1 = "0123456789abcdef0123456789abcdef", Impus = ["sip:alice@ims.example"],
        };
        var text = record.ToString();
        Assert.Contains("alice@ims.example", text);
        Assert.DoesNotContain("0123456789abcdef", text);
        Assert.DoesNotContain("System.Byte", text);
    }
}
