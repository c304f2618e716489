using System.Diagnostics.CodeAnalysis;
using Ims.Diameter.Messages;

namespace Ims.Diameter.Codec;

/// <summary>Either a decoded message or the reason it could not be decoded; never both.</summary>
public readonly record struct DiameterDecodeResult
{
    private DiameterDecodeResult(DiameterMessage? message, DiameterDecodeError? error)
    {
        Message = message;
        Error = error;
    }

    public DiameterMessage? Message { get; }

    public DiameterDecodeError? Error { get; }

    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Message is not null;

    public static DiameterDecodeResult Success(DiameterMessage message) => new(message, null);

    public static DiameterDecodeResult Failure(DiameterDecodeError error) => new(null, error);
}
