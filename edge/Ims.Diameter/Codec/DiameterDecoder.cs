using System.Buffers.Binary;
using System.Text;
using Ims.Diameter.Dictionary;
using Ims.Diameter.Messages;
using Ims.Diameter.Values;

namespace Ims.Diameter.Codec;

/// <summary>
/// Decodes one whole message (RFC 6733 3, 4). Structural checks only: lengths, reserved bits,
/// fixed-size values, grouped AVPs whose children must fill them exactly. Whether the command,
/// application and AVPs are acceptable is <see cref="Validation.DiameterRequestValidator"/>'s job.
/// Never throws for any input: every failure is a <see cref="DiameterDecodeError"/>.
/// </summary>
public static class DiameterDecoder
{
    /// <summary>Grouped AVPs nested deeper than this are refused so a hostile message cannot exhaust the stack.</summary>
    public const int MaxNestingDepth = 32;

    private const byte ReservedCommandFlags = 0x0F;
    private const byte ReservedAvpFlags = 0x1F;

    public static DiameterDecodeResult Decode(ReadOnlySpan<byte> buffer, DiameterDictionary? dictionary = null)
    {
        dictionary ??= DiameterDictionary.Ims;
        if (buffer.Length < DiameterHeader.Size)
        {
            return Fail(DiameterErrorReason.InvalidMessageLength, $"{buffer.Length} bytes is shorter than the 20-byte header");
        }

        var header = ReadHeader(buffer);
        var declared = (buffer[1] << 16) | (buffer[2] << 8) | buffer[3];
        if (buffer[0] != DiameterHeader.Version)
        {
            return Fail(DiameterErrorReason.UnsupportedVersion, $"version {buffer[0]}", header);
        }

        if (declared != buffer.Length || (declared & 3) != 0)
        {
            return Fail(DiameterErrorReason.InvalidMessageLength, $"header length {declared} but {buffer.Length} bytes", header);
        }

        var flags = buffer[4];
        if ((flags & ReservedCommandFlags) != 0)
        {
            return Fail(DiameterErrorReason.InvalidHeaderBits, $"reserved command flag bits 0x{flags & ReservedCommandFlags:x2} set", header);
        }

        // RFC 6733 3: the E bit MUST NOT be set in request messages.
        if (header.IsRequest && header.IsError)
        {
            return Fail(DiameterErrorReason.InvalidHeaderBits, "E bit set on a request", header);
        }

        // One copy per message; every AVP value is a slice of it.
        var memory = new ReadOnlyMemory<byte>(buffer.ToArray());
        var state = new DecodeState(dictionary, header);
        var avps = new List<DiameterAvp>();
        var error = ReadAvps(memory, DiameterHeader.Size, memory.Length, 0, lenient: false, avps, ref state);
        return error is null ? DiameterDecodeResult.Success(new DiameterMessage(header, avps)) : DiameterDecodeResult.Failure(error);
    }

    /// <summary>Reads the header fields of a buffer of at least 20 bytes.</summary>
    public static DiameterHeader ReadHeader(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < DiameterHeader.Size)
        {
            throw new ArgumentException("a Diameter header needs 20 bytes", nameof(buffer));
        }

        return new DiameterHeader(
            (DiameterCommandFlags)buffer[4],
            BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]) & 0x00FFFFFF,
            BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(buffer[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(buffer[16..]));
    }

    private static DiameterDecodeError? ReadAvps(ReadOnlyMemory<byte> memory, int offset, int end, int depth, bool lenient, List<DiameterAvp> into, ref DecodeState state)
    {
        var span = memory.Span;
        while (offset < end)
        {
            var remaining = end - offset;
            if (remaining < 8)
            {
                return state.Error(DiameterErrorReason.InvalidAvpLength, $"{remaining} bytes left at offset {offset}, too few for an AVP header", Truncated(memory, offset, end));
            }

            var code = BinaryPrimitives.ReadUInt32BigEndian(span[offset..]);
            var flags = (DiameterAvpFlags)span[offset + 4];
            var length = (span[offset + 5] << 16) | (span[offset + 6] << 8) | span[offset + 7];
            var hasVendor = (flags & DiameterAvpFlags.VendorSpecific) != 0;
            var headerSize = hasVendor ? 12 : 8;
            var vendorId = hasVendor && remaining >= 12 ? BinaryPrimitives.ReadUInt32BigEndian(span[(offset + 8)..]) : 0u;
            var padded = (length + 3) & ~3;
            if (length < headerSize || remaining < headerSize || padded > remaining)
            {
                return state.Error(
                    DiameterErrorReason.InvalidAvpLength,
                    $"AVP {code} at offset {offset} has length {length} with {remaining} bytes left",
                    new DiameterAvp(code, flags, vendorId, memory[Math.Min(offset + headerSize, end)..Math.Min(offset + Math.Max(length, headerSize), end)]));
            }

            var data = memory[(offset + headerSize)..(offset + length)];
            if (!lenient && ((byte)flags & ReservedAvpFlags) != 0)
            {
                // RFC 6733 7.1.3: flag bits set to an unrecognised value.
                return state.Error(DiameterErrorReason.InvalidAvpBits, $"AVP {code} has reserved flag bits 0x{(byte)flags & ReservedAvpFlags:x2}", new DiameterAvp(code, flags, vendorId, data));
            }

            var definition = state.Dictionary.FindAvp(code, vendorId);
            DiameterAvp avp;
            if (definition is { IsGrouped: true })
            {
                if (depth + 1 >= MaxNestingDepth)
                {
                    return state.Error(DiameterErrorReason.InvalidAvpValue, $"grouped AVPs nested deeper than {MaxNestingDepth}", new DiameterAvp(code, flags, vendorId, data));
                }

                // RFC 6733 7.5: Failed-AVP echoes the offending AVP, bad bits and lengths included, so
                // its content is read leniently and kept as raw bytes if it still does not parse.
                var echoesFailure = lenient || (code == Avps.FailedAvp.Code && vendorId == 0);
                var children = new List<DiameterAvp>();
                var error = ReadAvps(memory, offset + headerSize, offset + length, depth + 1, echoesFailure, children, ref state);
                if (error is not null && !echoesFailure)
                {
                    return error;
                }

                avp = error is null ? new DiameterAvp(code, flags, vendorId, children, data) : new DiameterAvp(code, flags, vendorId, data);
            }
            else
            {
                avp = new DiameterAvp(code, flags, vendorId, data);
                if (!lenient && definition?.FixedLength is { } fixedLength && data.Length != fixedLength)
                {
                    return state.Error(DiameterErrorReason.InvalidAvpLength, $"{definition.Name} has {data.Length} value bytes, its type needs {fixedLength}", avp);
                }

                if (!lenient && definition?.Type == AvpType.Address && !DiameterAddress.TryRead(data.Span, out _))
                {
                    return state.Error(DiameterErrorReason.InvalidAvpValue, $"{definition.Name} is not a valid Address", avp);
                }

                // Remembered so an error answer can echo it (RFC 6733 7.2).
                if (depth == 0 && code == Avps.SessionId.Code && vendorId == 0 && state.SessionId is null)
                {
                    state.SessionId = Utf8OrNull(data.Span);
                }
            }

            into.Add(avp);
            offset += padded;
        }

        return null;
    }

    private static DiameterAvp Truncated(ReadOnlyMemory<byte> memory, int offset, int end)
    {
        var span = memory.Span;
        var code = end - offset >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(span[offset..]) : 0u;
        var flags = end - offset >= 5 ? (DiameterAvpFlags)span[offset + 4] & ~DiameterAvpFlags.VendorSpecific : DiameterAvpFlags.None;
        return new DiameterAvp(code, flags, 0, ReadOnlyMemory<byte>.Empty);
    }

    private static string? Utf8OrNull(ReadOnlySpan<byte> data)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(data);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static DiameterDecodeResult Fail(DiameterErrorReason reason, string detail, DiameterHeader? header = null) =>
        DiameterDecodeResult.Failure(new DiameterDecodeError(reason, detail, header));

    private struct DecodeState(DiameterDictionary dictionary, DiameterHeader header)
    {
        public DiameterDictionary Dictionary { get; } = dictionary;

        public DiameterHeader Header { get; } = header;

        public string? SessionId { get; set; }

        public readonly DiameterDecodeError Error(DiameterErrorReason reason, string detail, DiameterAvp failedAvp) =>
            new(reason, detail, Header, failedAvp, SessionId);
    }
}
