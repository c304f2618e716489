using System.Net;
using System.Net.Sockets;
using Ims.Storage.Embedded;
using Ims.Storage.Tests.Contract;

namespace Ims.Storage.Http.Tests;

/// <summary>
/// The whole table-store contract, run through the loopback HTTP face of an embedded store: what the
/// operator's commands see while `ims up` holds the data folder.
/// </summary>
[TestClass]
public sealed class HttpTableStoreContractTests : TableStoreContract
{
    private static string _folder = null!;
    private static EmbeddedTableStore _embedded = null!;
    private static TableStoreHttpServer _server = null!;
    private static HttpTableStore _client = null!;

    protected override ITableStore Store => _client;

    [ClassInitialize]
    public static void Start(TestContext context)
    {
        _ = context;
        _folder = Path.Combine(Path.GetTempPath(), "ims-httpstore-" + Guid.NewGuid().ToString("N"));
        _embedded = EmbeddedTableStore.Open(_folder);
        _server = new TableStoreHttpServer(_embedded, FreePort());
        _server.Start();
        var endpointFile = Path.Combine(_folder, TableStoreEndpoint.FileName);
        _server.WriteEndpointFile(endpointFile);
        _client = new HttpTableStore(TableStoreEndpoint.Read(_folder)!);
    }

    [ClassCleanup]
    public static async Task Stop()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        _embedded.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [TestMethod]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void TheEndpointFileIsReadableByItsOwnerOnly()
    {
        var mode = File.GetUnixFileMode(Path.Combine(_folder, TableStoreEndpoint.FileName));

        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [TestMethod]
    public async Task AClientWithoutTheTokenIsRefused()
    {
        using var stranger = new HttpTableStore(new TableStoreEndpoint(_server.Url, "not-the-token", 0));

        await Assert.ThrowsExactlyAsync<IOException>(() => stranger.GetAsync("Impi", "alice", string.Empty, CancellationToken.None));
    }

    [TestMethod]
    public void AMissingEndpointFileReadsAsNone()
    {
        Assert.IsNull(TableStoreEndpoint.Read(Path.Combine(Path.GetTempPath(), "ims-none-" + Guid.NewGuid().ToString("N"))));
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
