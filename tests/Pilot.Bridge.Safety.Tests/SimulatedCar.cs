using Pilot.Bridge.Safety;

namespace Pilot.Bridge.Safety.Tests;

/// <summary>The car-side inputs a test controls; a <see cref="SimulatedCar"/> turns them into RX frames.</summary>
public sealed class CarInputs
{
    public double Speed;             // m/s
    public double SpeedCheckOffset;  // m/s added to the second speed source (speed mismatch)
    public bool Gas;
    public bool Brake;
    public bool Cruise;
    public bool SteerFault;
    public int DriverTorque;         // EPS units, the steering command's raw sign (positive helps a positive command)
    public int MeasuredTorque;       // EPS units, the steering command's raw sign
}

/// <summary>One RX or TX frame as the device sees it.</summary>
public readonly record struct Frame(int Bus, uint Address, byte[] Data);

/// <summary>
/// A brand's car on the bench: encodes <see cref="Inputs"/> into every RX-checked message with valid checksums and
/// counters, and encodes host commands into TX frames. Independent of the safety model's decoding.
/// </summary>
public abstract class SimulatedCar
{
    public CarInputs Inputs { get; } = new();
    public abstract SafetyMode Mode { get; }
    public abstract BrandHooks Brand { get; }

    /// <summary>All RX-checked messages for the current inputs (counters advance on each call).</summary>
    public abstract IEnumerable<Frame> RxFrames();

    /// <summary>A steering command frame.</summary>
    public abstract Frame Steer(int torque, bool request);

    /// <summary>Longitudinal frames that actuate with <paramref name="value"/> (raw units of that command), each with the limit it must respect.</summary>
    public abstract IEnumerable<(Frame Frame, TxFields Field, int Value)> Longitudinal(int value);

    /// <summary>A frame the host may always send (display only), or null where the brand has none.</summary>
    public abstract Frame Display();

    /// <summary>The RX frame of a checked message with its checksum byte corrupted.</summary>
    public Frame Corrupt(Frame frame)
    {
        var data = (byte[])frame.Data.Clone();
        data[^1] ^= 0x01;
        return frame with { Data = data };
    }

    protected static byte[] Bytes(int length) => new byte[length];
}
