namespace Ims.Sip.Syntax;

/// <summary>A generic parameter (RFC 3261 25.1 generic-param / uri-parameter): a name and an optional value, as written.</summary>
public readonly record struct SipParameter(string Name, string? Value)
{
    public override string ToString() => Value is null ? Name : $"{Name}={Value}";
}
