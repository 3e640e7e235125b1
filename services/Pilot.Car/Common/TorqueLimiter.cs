using Pilot.Bridge.Safety;

namespace Pilot.Car.Common;

/// <summary>
/// Keeps a steering torque command inside the limits the CAN interface device enforces (openpilot
/// apply_driver_steer_torque_limits, the host-side mirror of panda's driver_limit_check): magnitude at most
/// <see cref="TorqueLimits.Max"/>, shrunk by driver torque opposing the command beyond the allowance, growing by at
/// most <see cref="TorqueLimits.MaxRateUp"/> per frame and falling by at most <see cref="TorqueLimits.MaxRateDown"/>.
/// The limits are the device's own record, so host and device cannot drift apart.
/// </summary>
public static class TorqueLimiter
{
    /// <param name="desired">Requested torque, EPS units (the command signal's raw value).</param>
    /// <param name="last">The previous frame's command, EPS units.</param>
    /// <param name="driver">Driver torque in the same units and sign convention as the command.</param>
    /// <param name="limits">The brand's device limits.</param>
    public static int Apply(double desired, int last, double driver, TorqueLimits limits)
    {
        double driverMax = limits.Max + (limits.DriverAllowance + driver) * limits.DriverFactor;
        double driverMin = -limits.Max + (-limits.DriverAllowance + driver) * limits.DriverFactor;
        double highest = Math.Max(Math.Min(limits.Max, driverMax), 0);
        double lowest = Math.Min(Math.Max(-limits.Max, driverMin), 0);
        double torque = Math.Clamp(desired, lowest, highest);
        if (last > 0)
            torque = Math.Clamp(torque, Math.Max(last - limits.MaxRateDown, -limits.MaxRateUp), last + limits.MaxRateUp);
        else
            torque = Math.Clamp(torque, last - limits.MaxRateUp, Math.Min(last + limits.MaxRateDown, limits.MaxRateUp));
        return (int)Math.Round(torque, MidpointRounding.AwayFromZero);
    }
}
