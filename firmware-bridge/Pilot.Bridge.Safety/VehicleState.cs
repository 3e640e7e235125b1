using System.Runtime.CompilerServices;

namespace Pilot.Bridge.Safety;

/// <summary>
/// The last few torque readings, as min/max widened by one unit each way: a command is checked against the most
/// generous of the recent samples, and the ±1 absorbs rounding in the EPS's scaling (panda's update_sample).
/// </summary>
public struct TorqueSamples
{
    public const int Count = 6;  // panda MAX_SAMPLE_VALS: ~60 ms at 100 Hz, covers EPS reporting lag
    private Ring _values;
    public int Min { get; private set; }  // EPS units, smallest recent sample - 1
    public int Max { get; private set; }  // EPS units, largest recent sample + 1

    public void Push(int value)
    {
        int min = value, max = value;
        for (int i = Count - 1; i > 0; i--)
        {
            _values[i] = _values[i - 1];
            min = Math.Min(min, _values[i]);
            max = Math.Max(max, _values[i]);
        }
        _values[0] = value;
        Min = min - 1;
        Max = max + 1;
    }

    [InlineArray(Count)]
    private struct Ring { private int _element; }
}

/// <summary>What the device believes about the car, decoded from valid RX messages only.</summary>
public struct VehicleState
{
    public bool GasPressed;
    public bool BrakePressed;
    public bool CruiseEngaged;
    public bool SteeringFault;        // the EPS reports it cannot (or will not) steer for us
    public double Speed;              // m/s, primary speed source
    public double SpeedCheck;         // m/s, independent second source, compared against Speed
    // Both in the units and sign of the brand's steering command signal (its raw value), so a positive reading helps
    // a positive command: each brand's Decode converts what its EPS reports into that convention.
    public TorqueSamples DriverTorque;    // EPS units, torque the driver applies
    public TorqueSamples MeasuredTorque;  // EPS units, torque the motor produces
}
