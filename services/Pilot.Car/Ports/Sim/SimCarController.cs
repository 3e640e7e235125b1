using Pilot.Bridge.Safety;
using Pilot.Can.Dbc;
using Pilot.Can.Packing;
using Pilot.Car.Common;
using Pilot.Car.Model;

namespace Pilot.Car.Ports.Sim;

/// <summary>
/// Encodes CarControl for the simulated car at 100 Hz: SIM_STEER_COMMAND (normalized torque, positive left, with a
/// request bit) and SIM_ACCEL_COMMAND (net acceleration with an active bit, and the cruise cancel).
/// </summary>
public sealed class SimCarController
{
    public const double MinAccel = -3.5, MaxAccel = 2.0;   // m/s², ARCHITECTURE's longitudinal limits

    /// <summary>
    /// Torque limits in SIM_STEER_COMMAND raw units (0.0001 of full authority): the same pace as the Honda device's
    /// (full torque in about a second, release twice as fast); the driver's torque is not part of them.
    /// </summary>
    public static readonly TorqueLimits TorqueLimits = new()
    {
        Max = 10_000,
        MaxRateUp = 104,
        MaxRateDown = 208,
        MaxRtDelta = 3_000,
        RtIntervalUs = 250_000,
        Kind = TorqueLimitKind.DriverLimited,
    };

    private readonly FrameBuilder _steer, _accel;
    private readonly int _torque, _request, _accelValue, _active, _cancel;
    private readonly int _bus;
    private int _lastTorque;   // raw units of the previous frame

    public SimCarController(DbcDatabase db, int bus = SimCar.Bus)
    {
        _bus = bus;
        var packer = new CanPacker(db);
        _steer = new FrameBuilder(packer, "SIM_STEER_COMMAND");
        _torque = _steer.Slot("STEER_TORQUE");
        _request = _steer.Slot("STEER_REQUEST");
        _accel = new FrameBuilder(packer, "SIM_ACCEL_COMMAND");
        _accelValue = _accel.Slot("ACCEL");
        _active = _accel.Slot("ACCEL_ACTIVE");
        _cancel = _accel.Slot("CANCEL");
    }

    public void Apply(in CarControlData c, List<CanFrame> output)
    {
        double desired = c.LatActive ? c.Torque * TorqueLimits.Max : 0;
        int torque = c.LatActive ? TorqueLimiter.Apply(desired, _lastTorque, 0, TorqueLimits) : 0;
        _lastTorque = torque;
        output.Add(_steer.Set(_torque, torque / (double)TorqueLimits.Max).Set(_request, c.LatActive).Build(_bus));
        double accel = c.LongActive ? Math.Clamp(c.Accel, MinAccel, MaxAccel) : 0;
        output.Add(_accel.Set(_accelValue, accel).Set(_active, c.LongActive).Set(_cancel, c.CruiseCancel).Build(_bus));
    }
}
