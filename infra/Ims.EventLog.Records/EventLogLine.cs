using System.Buffers;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;

namespace Ims.EventLog;

/// <summary>
/// The line format: eight hex digits of the CRC-32 of the JSON, a space, the JSON, a newline.
/// Plain text, so an engineer can grep it; checksummed, so a torn or edited line is found.
/// </summary>
public static class EventLogLine
{
    public static byte[] Encode(EventLogRecord record)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(record, EventLogJsonContext.Default.EventLogRecord);
        var line = new byte[9 + json.Length + 1];
        var crc = Crc32.HashToUInt32(json);
        Encoding.ASCII.GetBytes(crc.ToString("x8", System.Globalization.CultureInfo.InvariantCulture), line);
        line[8] = (byte)' ';
        json.CopyTo(line, 9);
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>Decodes one line (without its newline); null with a reason when it is not a valid record.</summary>
    public static EventLogRecord? Decode(ReadOnlySpan<byte> line, out string? error)
    {
        if (line.Length < 10 || line[8] != (byte)' ')
        {
            error = "line too short or missing its checksum";
            return null;
        }

        if (!uint.TryParse(Encoding.ASCII.GetString(line[..8]), System.Globalization.NumberStyles.AllowHexSpecifier,
                System.Globalization.CultureInfo.InvariantCulture, out var expected))
        {
            error = "checksum is not hexadecimal";
            return null;
        }

        var json = line[9..];
        if (Crc32.HashToUInt32(json) != expected)
        {
            error = "checksum mismatch";
            return null;
        }

        try
        {
            var record = JsonSerializer.Deserialize(json, EventLogJsonContext.Default.EventLogRecord);
            error = record is null ? "empty record" : null;
            return record;
        }
        catch (JsonException ex)
        {
            error = $"not a record: {ex.Message}";
            return null;
        }
    }
}
