using Pilot.Bridge.Safety;
using Pilot.Car.Model;

namespace Pilot.Car.Ports.Honda;

/// <summary>
/// Honda Civic 2016 Touring with the Nidec radar and camera (openpilot HONDA_CIVIC): 100 Hz powertrain CAN on bus 0,
/// radar tracks on bus 1, steering through STEERING_CONTROL, braking through BRAKE_COMMAND and speed/gas through the
/// PCM's ACC_HUD (Nidec cars have no acceleration command).
/// </summary>
public sealed class HondaCivic : CarPort
{
    public static readonly HondaCivic Instance = new();

    public const string PowertrainDbc = "opendbc/honda_civic_touring_2016_can.dbc";
    public const string RadarDbc = "opendbc/acura_ilx_2016_nidec.dbc";   // openpilot's Nidec radar DBC for every Nidec car
    public const int PowertrainBus = 0;
    public const int RadarBus = 1;

    /// <summary>Driver torque (STEER_TORQUE_SENSOR units) above which the driver is steering (openpilot STEER_THRESHOLD default).</summary>
    public const double SteerThreshold = 1200;

    private const double StdCargoKg = 136;   // openpilot STD_CARGO_KG: a standard passenger and cargo on the curb mass
    private const double MphToMs = 0.44704;

    private HondaCivic() { }

    public override string Brand => "honda";
    public override string Platform => "HONDA_CIVIC";
    public override IReadOnlyList<string> DbcFiles { get; } = [PowertrainDbc, RadarDbc];

    // openpilot's CAN fingerprint of "HONDA CIVIC 2016 TOURING" (bus 0): what the car sends, plus what the stock camera
    // and radar send there (0xE4, 0x1FA, 0x200, 0x30C, 0x33D, 0x35E, 0x39F) when they are connected.
    public override Fingerprint Fingerprint { get; } = new(new Dictionary<int, IReadOnlyDictionary<uint, int>>
    {
        [PowertrainBus] = new Dictionary<uint, int>
        {
            [57] = 3, [148] = 8, [304] = 8, [330] = 8, [344] = 8, [380] = 8, [399] = 7, [401] = 8, [420] = 8, [427] = 3,
            [428] = 8, [432] = 7, [450] = 8, [464] = 8, [470] = 2, [476] = 7, [487] = 4, [490] = 8, [493] = 5, [545] = 6,
            [597] = 8, [662] = 4, [773] = 7, [777] = 8, [795] = 8, [800] = 8, [804] = 8, [806] = 8, [808] = 8, [884] = 8,
            [891] = 8, [892] = 8, [929] = 8, [985] = 3, [1024] = 5, [1027] = 5, [1029] = 8, [1036] = 8, [1039] = 8,
            [1108] = 8, [1302] = 8, [1322] = 5, [1361] = 5, [1365] = 5, [1424] = 5, [1633] = 8,
            [0xE4] = 5, [0x1FA] = 8, [0x200] = 3, [0x30C] = 8, [0x33D] = 5, [0x35E] = 8, [0x39F] = 8,
        },
    });

    public override CarParamsData Params { get; } = new()
    {
        Brand = "honda",
        CarFingerprint = "HONDA_CIVIC",
        Mass = 1326 + StdCargoKg,                    // openpilot CarSpecs(mass=1326)
        Wheelbase = 2.70,
        CenterToFront = 2.70 * 0.4,                  // centerToFrontRatio 0.4
        SteerRatio = 15.38,
        TireStiffnessFront = 192150,                 // openpilot CivicParams: the reference every port scales from
        TireStiffnessRear = 202500,
        SteerActuatorDelay = 0.1,                    // openpilot Honda interface
        SteerLimitTimer = 0.8,
        MinEnableSpeed = -1,                         // stop and go with Pilot's longitudinal control
        MinSteerSpeed = 12 * MphToMs,                // the Civic EPS locks out below 12 mph (STEER_STATUS low_speed_lockout)
        PilotLongitudinalControl = true,             // Nidec: brake through BRAKE_COMMAND, speed through ACC_HUD
        RadarUnavailable = false,
        // car.capnp SafetyModel.honda = 4; the parameter is panda's Honda Nidec mode id, which tells the bridge which
        // Honda variant (the device's SafetyMode.HondaNidec) to run.
        SafetyConfigs = [new SafetyConfigData(4, (ushort)SafetyMode.HondaNidec, SafetyMode.HondaNidec)],
        VEgoStopping = 0.5,                          // openpilot CarInterfaceBase defaults
        VEgoStarting = 0.5,
        StopAccel = -2.0,
        StoppingDecelRate = 0.8,
        LongitudinalActuatorDelay = 0.15,
        // Pilot steers every port with the lateral-acceleration torque controller, which needs the car's torque response:
        // full STEER_TORQUE (3840) holds about 4 m/s² of lateral acceleration at speed on the Civic's EPS. Gains as
        // openpilot's torque controller defaults (kp 1.0, ki 0.1, friction 0.1 of full torque).
        LateralTuning = new TorqueTuning(LatAccelFactor: 4.0, LatAccelOffset: 0, Friction: 0.1, Kp: 1.0, Ki: 0.1),
        LongitudinalTuning = new LongitudinalTuning([0, 5, 35], [1.2, 0.8, 0.5], [0, 35], [0.18, 0.12]),
    };

    /// <summary>The device's Honda Nidec torque limits; the controller stays inside them (see <see cref="Common.TorqueLimiter"/>).</summary>
    public static TorqueLimits TorqueLimits => Pilot.Bridge.Safety.Brands.Honda.Nidec.Torque;

    public override ICarInterface CreateInterface(DbcFolder dbc) => new HondaInterface(dbc.Load(PowertrainDbc));

    public override IRadarInterface CreateRadar(DbcFolder dbc) => new HondaRadar(dbc.Load(RadarDbc));
}
