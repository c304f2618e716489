using Ims.Diameter.Messages;
using Ims.Ocs;
using Ims.Ocs.CreditControl;
using Ims.Storage.Embedded;

namespace Ims.Ocs.Tests;

/// <summary>The OCS over an embedded store in a fresh temporary folder, deleted on dispose.</summary>
internal sealed class OcsStore : IDisposable
{
    public static readonly OcsOptions Options = new() { OriginHost = "ocs.ims.test", OriginRealm = "ims.test", DefaultQuotaSeconds = 30, ValiditySeconds = 120 };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ims-ocs-tests", Guid.NewGuid().ToString("N"));

    public OcsStore()
    {
        Store = EmbeddedTableStore.Open(_folder);
        Ocs = new OnlineChargingServer(Store, Options);
    }

    public EmbeddedTableStore Store { get; }

    public OnlineChargingServer Ocs { get; }

    public async Task<CreditControlAnswered> AskAsync(DiameterMessage request) =>
        await Ocs.HandleAsync(request, CancellationToken.None) ?? throw new AssertFailedException("no answer");

    public void Dispose()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
