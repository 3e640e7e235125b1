using Pilot.Can.Packing;
using Pilot.Sim.Car;
using Pilot.Sim.Scenarios;
using Pilot.Sim.World;

namespace Pilot.Sim.Tests.Car;

/// <summary>A world and a host-side packer/parser pair talking to it over its CAN, 100 Hz steps.</summary>
internal sealed class CarHarness
{
    public const double Dt = 0.01;

    public CarHarness(string scenario, string car)
    {
        World = new SimWorld(ScenarioRegistry.Get(scenario), CarCans.Create(car));
        Database = DbcFiles.Load(car == CarCans.Sim ? DbcFiles.SimCar : DbcFiles.HondaCivic);
        Packer = new CanPacker(Database);
    }

    public SimWorld World { get; }
    public Pilot.Can.Dbc.DbcDatabase Database { get; }
    public CanPacker Packer { get; }
    public List<CanFrame> Received { get; } = [];

    /// <summary>Steps <paramref name="seconds"/>, sending what <paramref name="send"/> packs each step, collecting what the car sends.</summary>
    public void Run(double seconds, Func<CanPacker, IEnumerable<CanFrame>>? send = null)
    {
        int steps = (int)Math.Round(seconds / Dt);
        for (int i = 0; i < steps; i++)
        {
            if (send is not null) World.DeliverFromHost(send(Packer).ToArray());
            World.Step(Dt);
            World.CollectToHost(Received);
        }
    }
}
