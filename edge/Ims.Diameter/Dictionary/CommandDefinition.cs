namespace Ims.Diameter.Dictionary;

/// <summary>
/// One command row: code, the application it belongs to, its name and abbreviations, the AVPs
/// its request must carry (the fixed and required AVPs of its CCF in the spec) and the spec section.
/// </summary>
public sealed record CommandDefinition(
    uint Code,
    uint ApplicationId,
    string Name,
    string RequestAbbreviation,
    string AnswerAbbreviation,
    IReadOnlyList<AvpDefinition> RequiredRequestAvps,
    string Spec)
{
    public string Abbreviation(bool isRequest) => isRequest ? RequestAbbreviation : AnswerAbbreviation;

    public string FullName(bool isRequest) => $"{Name}-{(isRequest ? "Request" : "Answer")}";
}
