using Pilot.Can.Dbc;
using Pilot.Can.Packing;
using Pilot.Car.Model;

namespace Pilot.Car.Ports.Sim;

/// <summary>The simulated car's decoder and encoder over its DBC.</summary>
public sealed class SimInterface(DbcDatabase db) : ICarInterface
{
    private readonly SimCarState _carState = new(db);
    private readonly SimCarController _controller = new(db);

    public CarStateData State { get; } = new();

    public void Update(long nowNs, IReadOnlyList<CanFrame> frames) => _carState.Update(nowNs, frames, State);

    public void Apply(in CarControlData control, List<CanFrame> output) => _controller.Apply(control, output);
}
