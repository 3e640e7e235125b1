using Pilot.Can.Dbc;
using Pilot.Can.Packing;
using Pilot.Car.Model;

namespace Pilot.Car.Ports.Honda;

/// <summary>The Civic's decoder and encoder over one powertrain DBC.</summary>
public sealed class HondaInterface(DbcDatabase powertrain) : ICarInterface
{
    private readonly HondaCarState _carState = new(powertrain);
    private readonly HondaCarController _controller = new(powertrain);

    public CarStateData State { get; } = new();

    public void Update(long nowNs, IReadOnlyList<CanFrame> frames) => _carState.Update(nowNs, frames, State);

    public void Apply(in CarControlData control, List<CanFrame> output) => _controller.Apply(control, State, output);
}
