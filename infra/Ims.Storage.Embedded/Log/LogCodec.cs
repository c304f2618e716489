using System.Buffers.Binary;
using System.Text;

namespace Ims.Storage.Embedded;

/// <summary>
/// The on-disk record: <c>[int32 payload length][uint32 CRC-32 of payload][payload]</c>, little
/// endian. The payload is a count then that many entries. A record is the unit of atomicity: replay
/// applies a record whole or, when its length or checksum is wrong (a write torn by a crash), stops
/// there.
/// </summary>
internal static class LogCodec
{
    public const int HeaderLength = 8;

    /// <summary>Bigger than any record we write (a 100-operation batch of 1 MiB entities).</summary>
    public const int MaxPayloadLength = 128 * 1024 * 1024;

    private enum EntryTag : byte
    {
        Put = 1,
        Delete = 2,
        VersionFloor = 3,
    }

    private enum ValueTag : byte
    {
        String = 1,
        Int32 = 2,
        Int64 = 3,
        Boolean = 4,
        Double = 5,
        DateTimeOffset = 6,
        Binary = 7,
    }

    public static byte[] Encode(IReadOnlyList<LogEntry> entries)
    {
        using var payload = new MemoryStream();
        payload.Write(new byte[HeaderLength]);
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(entries.Count);
            foreach (var entry in entries)
            {
                WriteEntry(writer, entry);
            }
        }

        var record = payload.ToArray();
        var body = record.AsSpan(HeaderLength);
        BinaryPrimitives.WriteInt32LittleEndian(record, body.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), System.IO.Hashing.Crc32.HashToUInt32(body));
        return record;
    }

    /// <summary>
    /// Reads records from the start of <paramref name="stream"/> until its end or the first damaged
    /// record; returns the records and the length of the intact prefix.
    /// </summary>
    public static (List<IReadOnlyList<LogEntry>> Records, long IntactLength) ReadAll(Stream stream)
    {
        var records = new List<IReadOnlyList<LogEntry>>();
        var header = new byte[HeaderLength];
        long intact = 0;
        stream.Position = 0;
        while (true)
        {
            if (stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) < HeaderLength)
            {
                break;
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            var checksum = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            if (length <= 0 || length > MaxPayloadLength || length > stream.Length - stream.Position)
            {
                break;
            }

            var body = new byte[length];
            stream.ReadExactly(body);
            if (System.IO.Hashing.Crc32.HashToUInt32(body) != checksum || !TryDecode(body, out var entries))
            {
                break;
            }

            records.Add(entries);
            intact = stream.Position;
        }

        return (records, intact);
    }

    private static void WriteEntry(BinaryWriter writer, LogEntry entry)
    {
        switch (entry)
        {
            case LogEntry.Put put:
                writer.Write((byte)EntryTag.Put);
                writer.Write(put.Entity.PartitionKey);
                writer.Write(put.Entity.RowKey);
                writer.Write(put.Version);
                writer.Write(put.Entity.Properties.Count);
                foreach (var (name, value) in put.Entity.Properties)
                {
                    writer.Write(name);
                    WriteValue(writer, value);
                }

                break;
            case LogEntry.Delete delete:
                writer.Write((byte)EntryTag.Delete);
                writer.Write(delete.PartitionKey);
                writer.Write(delete.RowKey);
                break;
            case LogEntry.VersionFloor floor:
                writer.Write((byte)EntryTag.VersionFloor);
                writer.Write(floor.Version);
                break;
            default:
                throw new InvalidOperationException($"unknown log entry {entry.GetType().Name}");
        }
    }

    private static void WriteValue(BinaryWriter writer, object value)
    {
        switch (value)
        {
            case string s:
                writer.Write((byte)ValueTag.String);
                writer.Write(s);
                break;
            case int i:
                writer.Write((byte)ValueTag.Int32);
                writer.Write(i);
                break;
            case long l:
                writer.Write((byte)ValueTag.Int64);
                writer.Write(l);
                break;
            case bool b:
                writer.Write((byte)ValueTag.Boolean);
                writer.Write(b);
                break;
            case double d:
                writer.Write((byte)ValueTag.Double);
                writer.Write(d);
                break;
            case DateTimeOffset t:
                writer.Write((byte)ValueTag.DateTimeOffset);
                writer.Write(t.UtcTicks);
                break;
            case ReadOnlyMemory<byte> m:
                writer.Write((byte)ValueTag.Binary);
                writer.Write(m.Length);
                writer.Write(m.Span);
                break;
            default:
                throw new InvalidOperationException($"unsupported property type {value.GetType().Name}");
        }
    }

    private static bool TryDecode(byte[] body, out IReadOnlyList<LogEntry> entries)
    {
        // The checksum matched, so a decoding failure means a bug or a foreign file: refuse the record
        // rather than throw, exactly like a torn one.
        try
        {
            using var reader = new BinaryReader(new MemoryStream(body, writable: false), Encoding.UTF8);
            var count = reader.ReadInt32();
            var list = new List<LogEntry>(Math.Min(count, 1024));
            for (var i = 0; i < count; i++)
            {
                list.Add(ReadEntry(reader));
            }

            entries = list;
            return reader.BaseStream.Position == body.Length;
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or InvalidDataException or FormatException)
        {
            entries = [];
            return false;
        }
    }

    private static LogEntry ReadEntry(BinaryReader reader)
    {
        switch ((EntryTag)reader.ReadByte())
        {
            case EntryTag.Put:
                var partitionKey = reader.ReadString();
                var rowKey = reader.ReadString();
                var version = reader.ReadInt64();
                var count = reader.ReadInt32();
                var properties = new List<KeyValuePair<string, object>>(Math.Min(count, TableProperty.MaxCount));
                for (var i = 0; i < count; i++)
                {
                    var name = reader.ReadString();
                    properties.Add(new(name, ReadValue(reader)));
                }

                return new LogEntry.Put(new TableEntity(partitionKey, rowKey, properties, EmbeddedETag.From(version)), version);
            case EntryTag.Delete:
                return new LogEntry.Delete(reader.ReadString(), reader.ReadString());
            case EntryTag.VersionFloor:
                return new LogEntry.VersionFloor(reader.ReadInt64());
            default:
                throw new InvalidDataException("unknown log entry tag");
        }
    }

    private static object ReadValue(BinaryReader reader) => (ValueTag)reader.ReadByte() switch
    {
        ValueTag.String => reader.ReadString(),
        ValueTag.Int32 => reader.ReadInt32(),
        ValueTag.Int64 => reader.ReadInt64(),
        ValueTag.Boolean => reader.ReadBoolean(),
        ValueTag.Double => reader.ReadDouble(),
        ValueTag.DateTimeOffset => new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero),
        ValueTag.Binary => reader.ReadBytes(reader.ReadInt32()),
        _ => throw new InvalidDataException("unknown value tag"),
    };
}
