using Ims.EndToEnd.Tests.Support;

namespace Ims.EndToEnd.Tests;

/// <summary>
/// `ims subscriber ...` as an operator runs it beside a running `ims up` on the same data folder:
/// the commands reach the store the running process holds, and what they write survives its restart.
/// </summary>
[TestClass]
public sealed class SubscriberWhileUpTests
{
    private const string K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    private const string Op = "cdc202d5123e20f62b6d676ac72cb318";
    private readonly DataFolders _folders = new();

    [TestCleanup]
    public void RemoveFolders() => _folders.RemoveAll();

    [TestMethod]
    public async Task AddShowListAndRemoveWorkWhileUpRunsAndSurviveARestart()
    {
        var data = _folders.New("ims-e2e-sub-");
        await using (var ims = await ImsProcess.UpAsync(data))
        {
            var add = await ImsProcess.RunAsync("subscriber", "add", "--data", data, "--impi", "bob@ims.mnc001.mcc001.3gppnetwork.org",
                "--impu", "sip:bob@ims.mnc001.mcc001.3gppnetwork.org", "--impu", "tel:+15550200", "--k", K, "--op", Op);
            Assert.AreEqual(0, add.ExitCode, add.Error);

            var duplicate = await ImsProcess.RunAsync("subscriber", "add", "--data", data, "--impi", "carol@ims.mnc001.mcc001.3gppnetwork.org",
                "--impu", "tel:+15550200", "--k", K, "--op", Op);
            Assert.AreEqual(1, duplicate.ExitCode);
            Assert.AreEqual(1, duplicate.Error.Trim().Split('\n').Length, duplicate.Error);
            StringAssert.Contains(duplicate.Error, "tel:+15550200");

            var show = await ImsProcess.RunAsync("subscriber", "show", "--data", data, "bob@ims.mnc001.mcc001.3gppnetwork.org");
            Assert.AreEqual(0, show.ExitCode, show.Error);
            var lines = show.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            CollectionAssert.Contains(lines, "impi: bob@ims.mnc001.mcc001.3gppnetwork.org");
            CollectionAssert.Contains(lines, "impu: sip:bob@ims.mnc001.mcc001.3gppnetwork.org not-registered");
            CollectionAssert.Contains(lines, "impu: tel:+15550200 not-registered");
            Assert.IsFalse(show.Output.Contains(K, StringComparison.OrdinalIgnoreCase), "K never leaves the store");

            Assert.AreEqual(0, await ims.StopAsync());
        }

        // The write went to the store the running process held: it is there after a restart.
        await using (var again = await ImsProcess.UpAsync(data))
        {
            var list = await ImsProcess.RunAsync("subscriber", "list", "--data", data);
            Assert.AreEqual(0, list.ExitCode, list.Error);
            StringAssert.Contains(list.Output, "bob@ims.mnc001.mcc001.3gppnetwork.org");

            var remove = await ImsProcess.RunAsync("subscriber", "remove", "--data", data, "--impi", "bob@ims.mnc001.mcc001.3gppnetwork.org");
            Assert.AreEqual(0, remove.ExitCode, remove.Error);
            var gone = await ImsProcess.RunAsync("subscriber", "show", "--data", data, "bob@ims.mnc001.mcc001.3gppnetwork.org");
            Assert.AreEqual(1, gone.ExitCode);
            StringAssert.StartsWith(gone.Error.Trim(), "ims: ");
        }
    }
}
