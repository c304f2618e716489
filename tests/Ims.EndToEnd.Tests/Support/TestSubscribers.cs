namespace Ims.EndToEnd.Tests.Support;

/// <summary>
/// Subscribers of the SIPp tests: provisioned with the real `ims subscriber add` (one K, OP and AMF
/// for all, as SIPp's AKA takes them as raw text), given a balance with `ims balance set`, and
/// described as a line of SIPp's injection file for an AKA REGISTER.
/// </summary>
internal static class TestSubscribers
{
    public const string Domain = "ims.mnc001.mcc001.3gppnetwork.org";
    public const string KText = "kkkkkkkkkkkkkk01";
    public const string OpText = "oooooooooooooooo";
    public const string AmfText = "00";

    /// <summary>user;domain;AKA keyword;expires; as register-aka.xml reads it.</summary>
    public static string SippLine(string user, int expires = 600) =>
        $"{user};{Domain};{Sipp.AkaKeyword($"{user}@{Domain}", KText, OpText, AmfText)};{expires};";

    public static async Task AddAsync(string data, string user)
    {
        var add = await ImsProcess.RunAsync(["subscriber", "add", "--data", data, "--impi", $"{user}@{Domain}", "--impu", $"sip:{user}@{Domain}",
            "--k", Sipp.Hex(KText), "--op", Sipp.Hex(OpText), "--amf", Sipp.Hex(AmfText)]);
        Assert.AreEqual(0, add.ExitCode, add.Error);
    }

    public static async Task AddAsync(string data, params string[] users)
    {
        foreach (var user in users)
        {
            await AddAsync(data, user);
        }
    }

    /// <summary>Registers each user with AKA from a free UE port of its own (SIPp), and returns the ports by user.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> RegisterAsync(int pcscf, params string[] users)
    {
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            var port = ImsProcess.FreePort();
            var (registered, _) = await Sipp.RegisterAkaAsync(pcscf, [SippLine(user)], port);
            Assert.AreEqual(1, registered.Successful, registered.ToString());
            ports[user] = port;
        }

        return ports;
    }

    public static async Task SetBalanceAsync(string data, string user, string seconds)
    {
        var set = await ImsProcess.RunAsync("balance", "set", $"sip:{user}@{Domain}", seconds, "--data", data);
        Assert.AreEqual(0, set.ExitCode, set.Error);
    }
}
