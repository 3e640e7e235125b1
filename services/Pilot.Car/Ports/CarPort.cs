using Pilot.Can.Packing;
using Pilot.Car.Model;

namespace Pilot.Car.Ports;

/// <summary>
/// One supported platform, as data: brand, platform name, DBC files, CAN fingerprint and fixed parameters, plus the
/// factories for its CarState decoder / CarControl encoder and, when it has one, its radar decoder.
/// </summary>
public abstract class CarPort
{
    /// <summary>Brand key ("honda", "sim"), as carParams.brand.</summary>
    public abstract string Brand { get; }

    /// <summary>Platform name the fingerprint identifies, as carParams.carFingerprint (and `--car`).</summary>
    public abstract string Platform { get; }

    /// <summary>DBC files the port reads, relative to the DBC folder (powertrain first).</summary>
    public abstract IReadOnlyList<string> DbcFiles { get; }

    public abstract Fingerprint Fingerprint { get; }

    /// <summary>The fixed parameters; the recognizing code sets <see cref="CarParamsData.FingerprintSource"/>.</summary>
    public abstract CarParamsData Params { get; }

    /// <summary>A fresh decoder/encoder pair (each has per-drive state: filters, counters, rate limits).</summary>
    public abstract ICarInterface CreateInterface(DbcFolder dbc);

    /// <summary>A fresh radar decoder, or null when the car has no usable radar.</summary>
    public virtual IRadarInterface? CreateRadar(DbcFolder dbc) => null;

    public override string ToString() => Platform;
}

/// <summary>A port's per-drive state: decodes CAN into <see cref="State"/> and encodes CarControl into frames.</summary>
public interface ICarInterface
{
    /// <summary>The state decoded by the last <see cref="Update"/>; overwritten each cycle.</summary>
    CarStateData State { get; }

    /// <summary>Decodes one cycle's frames (received at <paramref name="nowNs"/>, monotonic) into <see cref="State"/>.</summary>
    void Update(long nowNs, IReadOnlyList<CanFrame> frames);

    /// <summary>
    /// Encodes one cycle of <paramref name="control"/> into frames for the car, appended to <paramref name="output"/>.
    /// Called once per cycle after <see cref="Update"/>; a default <see cref="CarControlData"/> actuates nothing.
    /// </summary>
    void Apply(in CarControlData control, List<CanFrame> output);
}

/// <summary>Decodes a radar's tracks from CAN.</summary>
public interface IRadarInterface
{
    /// <summary>Feeds one cycle's frames; returns the tracks when the radar finished a scan (20 Hz), else null.</summary>
    RadarTracks? Update(long nowNs, IReadOnlyList<CanFrame> frames);
}
