using Pilot.Can.Packing;

namespace Pilot.Sim.Car;

/// <summary>
/// One car's CAN as the car would speak it: the frames its ECUs send (at their real rates, with checksums and
/// counters) and how its actuators react to the frames the host sends. Times are simulated monotonic ns.
/// </summary>
public interface ICarCan
{
    /// <summary>The <c>--car</c> name.</summary>
    string Name { get; }

    /// <summary>A frame that reached the car's buses from the host. Frames failing the car's checks are ignored.</summary>
    void Receive(long nowNs, in CanFrame frame);

    /// <summary>What the actuators do now, given the car state (commands time out, and some ECUs need cruise engaged).</summary>
    CarActuation Actuation(long nowNs, CarSnapshot car);

    /// <summary>Appends every frame whose time has come at <paramref name="nowNs"/>.</summary>
    void Emit(long nowNs, CarSnapshot car, List<CanFrame> output);
}
