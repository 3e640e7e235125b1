namespace Pilot.Bridge.Safety;

/// <summary>One frame the host may transmit: address, bus and exact length. Anything not listed is refused.</summary>
public readonly record struct TxRule(uint Address, int Bus, int Length);

/// <summary>
/// One message the device must keep hearing for control to stay allowed: its length, whether it carries a checksum,
/// its counter signal (length 0 = none) and its nominal period.
/// </summary>
public readonly record struct RxCheck(uint Address, int Bus, int Length, bool Checksum, Signal Counter, long PeriodUs)
{
    /// <summary>Largest counter value; 0 when the message has no counter.</summary>
    public int MaxCounter => (1 << Counter.Length) - 1;
}
