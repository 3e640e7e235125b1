using Pilot.Bridge.Safety;
using Pilot.Car.Model;
using Pilot.Car.Ports.Honda;

namespace Pilot.Car.Ports.Sim;

/// <summary>
/// Pilot's simulated car (can/dbc/pilot_sim.dbc, sent by the simulator): motion, steering, pedals and cruise on
/// bus 0, four radar tracks on bus 1; it takes a normalized steering torque and a net acceleration. Its body is the
/// simulator's Civic, so its physical parameters are the Civic's.
/// </summary>
public sealed class SimCar : CarPort
{
    public static readonly SimCar Instance = new();

    public const string Dbc = "pilot_sim.dbc";
    public const int Bus = 0;
    public const int RadarBus = 1;

    private SimCar() { }

    public override string Brand => "sim";
    public override string Platform => "SIM";
    public override IReadOnlyList<string> DbcFiles { get; } = [Dbc];

    // Every message of the DBC, both directions: the host's commands show up on bus 0 when another sender is attached.
    public override Fingerprint Fingerprint { get; } = new(new Dictionary<int, IReadOnlyDictionary<uint, int>>
    {
        [Bus] = new Dictionary<uint, int> { [512] = 8, [513] = 8, [514] = 8, [515] = 8, [256] = 8, [257] = 8 },
        [RadarBus] = new Dictionary<uint, int> { [768] = 8, [769] = 8, [770] = 8, [771] = 8 },
    });

    public override CarParamsData Params { get; } = HondaCivic.Instance.Params with
    {
        Brand = "sim",
        CarFingerprint = "SIM",
        MinSteerSpeed = 0,   // the simulated EPS steers at any speed
        // The simulated car has no device rules of its own: the bench's all-output mode (never for a road car).
        SafetyConfigs = [new SafetyConfigData(2, 0, SafetyMode.AllOutput)],
    };

    public override ICarInterface CreateInterface(DbcFolder dbc) => new SimInterface(dbc.Load(Dbc));

    public override IRadarInterface CreateRadar(DbcFolder dbc) => new SimRadar(dbc.Load(Dbc));
}
