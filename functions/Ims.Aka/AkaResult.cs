namespace Ims.Aka;

/// <summary>
/// The outcome of reading or checking untrusted input: either a value or a typed failure
/// (a reason that maps to a protocol status, plus a human message). Bad input from a UE, a peer
/// or an operator is an expected outcome here, never an exception.
/// </summary>
public readonly struct AkaResult<TValue, TReason>
    where TReason : struct, Enum
{
    private readonly TValue? _value;

    private AkaResult(TValue? value, bool succeeded, TReason reason, string message)
    {
        _value = value;
        Succeeded = succeeded;
        Reason = reason;
        Message = message;
    }

    public bool Succeeded { get; }

    /// <summary>Why it failed; meaningless when <see cref="Succeeded"/> is true.</summary>
    public TReason Reason { get; }

    /// <summary>A one-line explanation for logs and operators; empty on success.</summary>
    public string Message { get; }

    /// <summary>The value; asking for it after a failure is a programmer error.</summary>
    public TValue Value => Succeeded
        ? _value!
        : throw new InvalidOperationException($"no value: {Reason}: {Message}");

#pragma warning disable CA1000 // A factory on the generic type reads best at the call site.
    public static AkaResult<TValue, TReason> Success(TValue value) => new(value, true, default, string.Empty);

    public static AkaResult<TValue, TReason> Failure(TReason reason, string message) =>
        new(default, false, reason, message);
#pragma warning restore CA1000

    // The value may hold secrets whose own ToString redacts them; never expand it here.
    public override string ToString() => Succeeded ? $"Success({typeof(TValue).Name})" : $"Failure({Reason}: {Message})";
}
