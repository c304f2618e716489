using Ims.Diameter.Values;
using Ims.Diameter.Building;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Hss.Cx;
using Ims.Storage;
using Ims.Tests.Shared;
using static Ims.Hss.Tests.Cx.CxTestKit;

namespace Ims.Hss.Tests.Cx;

[TestClass]
public sealed class CxErrorTests
{
    [TestMethod]
    public async Task ARequestMissingAMandatoryAvpIsMissingAvpWithFailedAvp()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        var request = Wire(Head(DiameterCommands.UserAuthorization).Add(Avps.UserName, Impi).Add(Avps.VisitedNetworkIdentifier, "ims.example").Build());

        var answer = await hss.AnswerAsync(request);

        Assert.AreEqual("5005", ResultOf(answer));
        Assert.AreEqual(Avps.PublicIdentity.Code, answer.Find(Avps.FailedAvp)!.Children.Single().Code);
        Assert.AreEqual("hss.ims.example", answer.OriginHost);
    }

    [TestMethod]
    public async Task AnRtrFromAPeerIsCommandUnsupported()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        var rtr = Decode("pyhss_cx_rtr.hex");

        var answer = await hss.AnswerAsync(rtr);

        Assert.AreEqual("3001", ResultOf(answer));
        Assert.IsTrue(answer.Header.IsError);
    }

    [TestMethod]
    public async Task ARequestOfAnotherApplicationIsApplicationUnsupported()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        var request = Wire(DiameterMessageBuilder.Request(new DiameterHeader(DiameterCommandFlags.Request, 300, 16777217, 1, 2))
            .Add(Avps.SessionId, "x").Add(Avps.OriginHost, "a").Add(Avps.OriginRealm, "b").Build());

        Assert.AreEqual("3007", ResultOf(await hss.AnswerAsync(request)));
    }

    [TestMethod]
    public async Task AnAnswerIsNotAnswered()
    {
        using var temp = TempStore.Create();
        var hss = await HssWithAliceAsync(temp);
        var answer = await hss.AnswerAsync(Uar());
        Assert.IsNull(await hss.HandleAsync(answer, CancellationToken.None));
    }

    [TestMethod]
    public async Task AFailingStoreIsUnableToComplyNotAnException()
    {
        var hss = new HomeSubscriberServer(new FailingStore(), Options, new CountingRandom(), Clock);

        foreach (var request in new[] { Uar(), Mar(), Sar(ServerAssignmentType.Registration), Lir() })
        {
            var answer = await hss.AnswerAsync(request);
            Assert.AreEqual("5012", ResultOf(answer));
            Assert.AreEqual("HSS failure: IOException", answer.GetString(Avps.ErrorMessage));
        }
    }

    internal static DiameterMessage Decode(string file)
    {
        var hex = File.ReadAllText(TestPaths.TestData("diameter", file)).Trim();
        var decoded = Ims.Diameter.Codec.DiameterDecoder.Decode(Convert.FromHexString(hex));
        Assert.IsTrue(decoded.IsSuccess, decoded.Error?.ToString());
        return decoded.Message;
    }

    private sealed class FailingStore : ITableStore
    {
        public Task<StoreResult<TableEntity>> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken) => throw new IOException("disk gone");

        public Task<StoreResult<ETag>> InsertAsync(string table, TableEntity entity, CancellationToken cancellationToken) => throw new IOException("disk gone");

        public Task<StoreResult<ETag>> ReplaceAsync(string table, TableEntity entity, CancellationToken cancellationToken) => throw new IOException("disk gone");

        public Task<StoreResult<ETag>> UpsertAsync(string table, TableEntity entity, CancellationToken cancellationToken) => throw new IOException("disk gone");

        public Task<StoreResult<ETag>> DeleteAsync(string table, string partitionKey, string rowKey, ETag ifMatch, CancellationToken cancellationToken) => throw new IOException("disk gone");

        public Task<BatchResult> ExecuteBatchAsync(string table, IReadOnlyList<TableOperation> operations, CancellationToken cancellationToken) => throw new IOException("disk gone");

        public Task<TablePage> QueryPageAsync(string table, TableQuery query, string? continuationToken, CancellationToken cancellationToken) => throw new IOException("disk gone");
    }
}
