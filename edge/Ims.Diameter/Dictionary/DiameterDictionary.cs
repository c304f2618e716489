using System.Collections.Frozen;
using System.Reflection;

namespace Ims.Diameter.Dictionary;

/// <summary>
/// An immutable index over dictionary rows: AVPs by (code, vendor), commands by (application,
/// code), and the applications the dictionary speaks. Built once from the reviewed tables.
/// </summary>
public sealed class DiameterDictionary
{
    private readonly FrozenDictionary<ulong, AvpDefinition> _avps;
    private readonly FrozenDictionary<ulong, CommandDefinition> _commands;

    public DiameterDictionary(IEnumerable<AvpDefinition> avps, IEnumerable<CommandDefinition> commands)
    {
        ArgumentNullException.ThrowIfNull(avps);
        ArgumentNullException.ThrowIfNull(commands);
        Avps = [.. avps];
        Commands = [.. commands];
        _avps = Avps.ToFrozenDictionary(a => Key(a.Code, a.VendorId));
        _commands = Commands.ToFrozenDictionary(c => Key(c.Code, c.ApplicationId));
        Applications = Commands.Select(c => c.ApplicationId).ToFrozenSet();
    }

    /// <summary>Base protocol, Cx/Dx, Rx and Ro: every table in this assembly.</summary>
    public static DiameterDictionary Ims { get; } = new(TableRows(), DiameterCommands.All);

    public IReadOnlyList<AvpDefinition> Avps { get; }

    public IReadOnlyList<CommandDefinition> Commands { get; }

    public IReadOnlySet<uint> Applications { get; }

    public AvpDefinition? FindAvp(uint code, uint vendorId) => _avps.GetValueOrDefault(Key(code, vendorId));

    /// <summary>The command for this application, falling back to the common application's (RFC 6733 2.4: CER/DWR/DPR run under id 0).</summary>
    public CommandDefinition? FindCommand(uint applicationId, uint code) =>
        _commands.GetValueOrDefault(Key(code, applicationId)) ?? _commands.GetValueOrDefault(Key(code, 0));

    /// <summary>The command with this code in any application (for display when the application is unknown).</summary>
    public CommandDefinition? FindCommandByCode(uint code) => Commands.FirstOrDefault(c => c.Code == code);

    private static ulong Key(uint a, uint b) => ((ulong)a << 32) | b;

    // The rows are the public static fields of the Avps tables; reading them here keeps each row written once.
    private static IEnumerable<AvpDefinition> TableRows() =>
        typeof(Avps).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(AvpDefinition))
            .Select(f => (AvpDefinition)f.GetValue(null)!);
}
