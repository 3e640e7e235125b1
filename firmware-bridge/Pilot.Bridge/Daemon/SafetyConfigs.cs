using Pilot.Bridge.Safety;
using CarSafetyModel = Pilot.Messaging.Events.CarParams.SafetyModel;

namespace Pilot.Bridge.Daemon;

/// <summary>
/// carParams' safety configuration (car.capnp SafetyModel + safetyParam) ↔ the device's <see cref="SafetyMode"/>.
/// Honda's variant rides in safetyParam as the device's own mode id (1 Nidec, 20 Bosch), as the car ports publish it.
/// Anything the device has no rules for becomes no-output: an unknown request never widens what may be sent.
/// </summary>
public static class SafetyConfigs
{
    public static SafetyConfig FromCarParams(CarSafetyModel model, ushort parameter) => model switch
    {
        CarSafetyModel.Silent => new(SafetyMode.Silent),
        CarSafetyModel.NoOutput => new(SafetyMode.NoOutput),
        CarSafetyModel.AllOutput => new(SafetyMode.AllOutput),  // the device refuses it unless built to allow it
        CarSafetyModel.Toyota => new(SafetyMode.Toyota),
        CarSafetyModel.Honda when parameter == (ushort)SafetyMode.HondaNidec => new(SafetyMode.HondaNidec),
        CarSafetyModel.Honda when parameter == (ushort)SafetyMode.HondaBosch => new(SafetyMode.HondaBosch),
        _ => new(SafetyMode.NoOutput),
    };

    /// <summary>How <paramref name="mode"/> reads in bridgeState (the inverse of <see cref="FromCarParams"/>).</summary>
    public static (CarSafetyModel Model, ushort Parameter) ToCarParams(SafetyMode mode) => mode switch
    {
        SafetyMode.NoOutput => (CarSafetyModel.NoOutput, 0),
        SafetyMode.AllOutput => (CarSafetyModel.AllOutput, 0),
        SafetyMode.Toyota => (CarSafetyModel.Toyota, 0),
        SafetyMode.HondaNidec or SafetyMode.HondaBosch => (CarSafetyModel.Honda, (ushort)mode),
        _ => (CarSafetyModel.Silent, 0),
    };
}
