namespace Ims.Diameter.Values;

/// <summary>Application ids: an open set (RFC 6733 11.3) with the ones IMS uses as well-known values.</summary>
public readonly record struct DiameterApplicationId(uint Value)
{
    /// <summary>RFC 6733 2.4: common messages (CER, DWR, DPR).</summary>
    public static readonly DiameterApplicationId Common = new(0);

    /// <summary>RFC 4006 1: Diameter credit control, used by Ro (TS 32.299 6.1).</summary>
    public static readonly DiameterApplicationId CreditControl = new(4);

    /// <summary>TS 29.229 6.1: Cx/Dx.</summary>
    public static readonly DiameterApplicationId Cx = new(16777216);

    /// <summary>TS 29.214 5.1: Rx.</summary>
    public static readonly DiameterApplicationId Rx = new(16777236);

    /// <summary>RFC 6733 2.4: relay agents advertise this id.</summary>
    public static readonly DiameterApplicationId Relay = new(0xFFFFFFFF);

    public string Name => Value switch
    {
        0 => "Common",
        4 => "Credit-Control",
        16777216 => "Cx",
        16777236 => "Rx",
        0xFFFFFFFF => "Relay",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static implicit operator uint(DiameterApplicationId id) => id.Value;

    public override string ToString() => Name;
}
