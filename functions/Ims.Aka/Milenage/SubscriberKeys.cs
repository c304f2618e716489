using System.Text;
using Ims.Aka.Hex;

namespace Ims.Aka.Milenage;

/// <summary>
/// The long-term secrets an HSS/AuC holds for one subscriber: K and OPc (TS 35.206 section 2).
/// OPc is stored rather than OP so the operator key need not sit beside every subscriber.
/// ToString never shows either value: records reach logs and the event log.
/// </summary>
public sealed record SubscriberKeys
{
    public const int KeyLength = 16;

    private SubscriberKeys(byte[] k, byte[] opc)
    {
        K = k;
        Opc = opc;
    }

    /// <summary>The subscriber key K (128 bits).</summary>
    public ReadOnlyMemory<byte> K { get; }

    /// <summary>OPc = OP xor E_K(OP), the derived operator variant key (128 bits).</summary>
    public ReadOnlyMemory<byte> Opc { get; }

    /// <summary>Keys from K and an already derived OPc.</summary>
    public static SubscriberKeys FromOpc(ReadOnlySpan<byte> k, ReadOnlySpan<byte> opc)
    {
        RequireLength(k, nameof(k));
        RequireLength(opc, nameof(opc));
        return new SubscriberKeys(k.ToArray(), opc.ToArray());
    }

    /// <summary>Keys from K and the operator's OP; OPc is derived here (TS 35.206 4.1).</summary>
    public static SubscriberKeys FromOp(ReadOnlySpan<byte> k, ReadOnlySpan<byte> op)
    {
        RequireLength(k, nameof(k));
        RequireLength(op, nameof(op));
        return new SubscriberKeys(k.ToArray(), MilenageAlgorithm.ComputeOpc(k, op));
    }

    /// <summary>
    /// Keys from operator or table text: K and exactly one of OP and OPc, each 32 hex digits. Bad text
    /// is a typed failure naming the field (never echoing it); OPc is derived when OP is given.
    /// </summary>
    public static AkaResult<SubscriberKeys, HexError> Parse(string? k, string? op, string? opc)
    {
        if (op is null == opc is null)
        {
            return AkaResult<SubscriberKeys, HexError>.Failure(HexError.NotExactlyOne, "give exactly one of OP and OPc");
        }

        var key = HexField.Parse("K", k, KeyLength);
        if (!key.Succeeded)
        {
            return AkaResult<SubscriberKeys, HexError>.Failure(key.Reason, key.Message);
        }

        var usesOp = op is not null;
        var operatorKey = usesOp ? HexField.Parse("OP", op, KeyLength) : HexField.Parse("OPc", opc, KeyLength);
        if (!operatorKey.Succeeded)
        {
            return AkaResult<SubscriberKeys, HexError>.Failure(operatorKey.Reason, operatorKey.Message);
        }

        return AkaResult<SubscriberKeys, HexError>.Success(
            usesOp ? FromOp(key.Value, operatorKey.Value) : FromOpc(key.Value, operatorKey.Value));
    }

    private static void RequireLength(ReadOnlySpan<byte> value, string name)
    {
        if (value.Length != KeyLength)
        {
            throw new ArgumentException($"{name} must be {KeyLength} bytes, got {value.Length}", name);
        }
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("K = [redacted], Opc = [redacted]");
        return true;
    }
}
