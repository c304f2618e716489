using Ims.Events;
using Ims.Tests.Shared;

namespace Ims.Bus.Tests;

/// <summary>Envelopes carrying real protocol bytes from the public vectors.</summary>
internal static class Vectors
{
    public static readonly DateTimeOffset At = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    /// <summary>A Cx Multimedia-Auth-Request captured from PyHSS (TS 29.229 6.1.7).</summary>
    public static byte[] CxMar { get; } = Convert.FromHexString(
        string.Concat(File.ReadAllText(TestPaths.TestData("diameter", "pyhss_cx_mar.hex")).Where(char.IsAsciiHexDigit)));

    /// <summary>The MAR as an HSS event, keyed by its IMPI as registration is.</summary>
    public static BusEnvelope MarEvent(string id = "evt-mar-1") =>
        new(id, At, "edge-a", "alice@ims.example", "scscf;1;mar", new DiameterRequestReceived(ImsRole.Hss, "scscf.ims.example", CxMar),
            new Continuation("scscf.register", "mar", "{\"attempt\":1}"));

    /// <summary>A 401 answer for a suspended REGISTER of edge-b.</summary>
    public static BusEnvelope ChallengeCommand(string id = "cmd-401-1") =>
        new(id, At, "edge-b", "a84b4c76e66710@pc33.ims.example", "a84b4c76e66710@pc33.ims.example",
            new SendSipResponse("z9hG4bK776asdhds", "SIP/2.0 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"u8.ToArray()));
}
