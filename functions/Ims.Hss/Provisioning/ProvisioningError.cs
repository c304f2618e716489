namespace Ims.Hss.Provisioning;

/// <summary>Why a provisioning request was refused. Nothing is written when any of these is returned.</summary>
public enum ProvisioningErrorKind
{
    InvalidImpi,
    InvalidImpu,
    DuplicateImpu,
    InvalidHex,
    InvalidLength,

    /// <summary>Both or neither of OP and OPc given.</summary>
    OperatorKeyChoice,
    InvalidIfc,

    /// <summary>The private identity is already provisioned.</summary>
    ImpiExists,

    /// <summary>A public identity already belongs to a subscriber.</summary>
    ImpuOwned,
    UnknownUser,
    InvalidImportFile,

    /// <summary>The store refused a write in a way validation could not foresee (a concurrent change).</summary>
    StoreConflict,
}

/// <summary>One refusal: its kind, a one-line message, and for a bulk import the entry index (else -1).</summary>
public sealed record ProvisioningError(ProvisioningErrorKind Kind, string Message, int Entry = -1)
{
    public override string ToString() => Entry >= 0 ? $"entry {Entry}: {Message}" : Message;
}

/// <summary>The outcome of a provisioning call: success, or every reason it was refused.</summary>
public sealed record ProvisioningResult(IReadOnlyList<ProvisioningError> Errors)
{
    public static ProvisioningResult Ok { get; } = new([]);

    public bool IsOk => Errors.Count == 0;

    public static ProvisioningResult Fail(ProvisioningErrorKind kind, string message) => new([new ProvisioningError(kind, message)]);
}
