using Pilot.Bridge.Protocol;

namespace Pilot.Bridge.Bench;

/// <summary>
/// The car on the other side of a <see cref="BenchDevice"/>'s buses (the simulator). It receives every host frame the
/// device's safety model let onto a bus, and puts its own traffic on the buses through
/// <see cref="BenchDevice.InjectFromCar"/>.
/// </summary>
public interface IBenchCar
{
    /// <summary>
    /// A frame the device transmitted on <see cref="CanFrame.Bus"/> (flags cleared). Called on the device's thread with
    /// the device busy: return quickly (queue it). Calling <see cref="BenchDevice.InjectFromCar"/> from here is allowed.
    /// </summary>
    void FromDevice(in CanFrame frame);
}
