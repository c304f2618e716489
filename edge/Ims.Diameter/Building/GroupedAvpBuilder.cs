using Ims.Diameter.Messages;

namespace Ims.Diameter.Building;

/// <summary>Collects the members of one grouped AVP.</summary>
public sealed class GroupedAvpBuilder : AvpListBuilder<GroupedAvpBuilder>
{
    internal IReadOnlyList<DiameterAvp> Build() => [.. Avps];
}
