using System.CommandLine;
using System.Globalization;
using Ims.Sip;

namespace Ims.Edge.Cli;

/// <summary>`ims sip parse FILE`: a summary of a valid message, or the reason on one line.</summary>
internal static class SipCommand
{
    public static Command Create(CliOutput cli)
    {
        var file = new Argument<string>("file") { Description = "A SIP message as it was on the wire" };
        var stream = new Option<bool>("--stream") { Description = "Apply the stream (TCP) rules: Content-Length required" };
        var parse = new Command("parse", "Parse a SIP message and print its summary") { file, stream };
        parse.SetAction(result =>
        {
            var path = result.GetValue(file)!;
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
            {
                return cli.Fail($"cannot read {path}: {ex.Message}");
            }

            var parsed = SipMessage.Parse(bytes, result.GetValue(stream) ? SipFramingMode.Stream : SipFramingMode.Datagram);
            if (!parsed.IsValid)
            {
                return cli.Fail($"{path}: {parsed.StatusCode.ToString(CultureInfo.InvariantCulture)} {parsed.Reason}");
            }

            var message = parsed.Message!;
            cli.Out.WriteLine(message.IsRequest
                ? $"{message.Method} {message.RequestUriText}"
                : $"SIP/2.0 {message.StatusCode.ToString(CultureInfo.InvariantCulture)} {message.ReasonPhrase}");
            cli.Out.WriteLine($"Call-ID: {message.CallId}");
            cli.Out.WriteLine($"CSeq: {message.CSeq}");
            cli.Out.WriteLine($"Headers: {message.HeaderCount.ToString(CultureInfo.InvariantCulture)}");
            cli.Out.WriteLine($"Body: {message.Body.Length.ToString(CultureInfo.InvariantCulture)} bytes");
            return 0;
        });

        return new Command("sip", "SIP message tools") { parse };
    }
}
