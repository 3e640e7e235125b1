namespace Pilot.Bridge.Safety;

/// <summary>
/// Everything brand-specific, as data plus three small decoding hooks. The decisions themselves live once, in
/// <see cref="SafetyModel"/>. RX integrity (<see cref="ChecksumValid"/>) and decoding (<see cref="Decode"/>) are isolated
/// here so the CAN library's checksum functions and DBC-compiled decoders can replace them without touching the rules.
/// </summary>
public abstract class BrandHooks
{
    /// <summary>Frames the host may send; anything else is refused.</summary>
    public abstract IReadOnlyList<TxRule> Tx { get; }
    /// <summary>Messages that must arrive valid and on time for control to be allowed.</summary>
    public abstract IReadOnlyList<RxCheck> Rx { get; }
    public abstract TorqueLimits Torque { get; }
    public abstract LongitudinalLimits Longitudinal { get; }
    /// <summary>Cruise button code that cancels cruise: the only button the host may press without control.</summary>
    public virtual int CancelButton => 2;

    /// <summary>Whether a checked RX message's checksum matches (called only for RX checks with a checksum).</summary>
    public abstract bool ChecksumValid(uint address, ReadOnlySpan<byte> data);

    /// <summary>Updates <paramref name="state"/> from a valid RX message (called only for addresses in <see cref="Rx"/>).</summary>
    public abstract void Decode(uint address, ReadOnlySpan<byte> data, ref VehicleState state);

    /// <summary>The actuation content of a whitelisted TX frame.</summary>
    public abstract TxCommand ReadTx(uint address, ReadOnlySpan<byte> data);

    /// <summary>The hooks for a car mode; null for modes without a brand (silent, no-output, all-output).</summary>
    public static BrandHooks? For(SafetyMode mode) => mode switch
    {
        SafetyMode.Toyota => Brands.Toyota.Hooks,
        SafetyMode.HondaBosch => Brands.Honda.Bosch,
        SafetyMode.HondaNidec => Brands.Honda.Nidec,
        _ => null,
    };

    protected const double KphToMs = 1 / 3.6;
}
