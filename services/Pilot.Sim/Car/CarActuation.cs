namespace Pilot.Sim.Car;

/// <summary>What the car's actuators have been told to do by the host, as the car's ECUs understood it.</summary>
/// <param name="EpsTorque">EPS motor torque, normalised −1..1, positive left (0 when no valid request).</param>
/// <param name="SteerRequested">A valid, fresh steering request is being applied.</param>
/// <param name="AccelCommand">Net acceleration the powertrain delivers, m/s², or null when nothing commands it.</param>
/// <param name="BrakeDecel">Deceleration the host's brake request adds, m/s² (0: none): the car then does
/// <paramref name="AccelCommand"/> (or 0) minus this, minus what drag and rolling resistance take.</param>
/// <param name="CancelRequested">The host asked the car to cancel cruise.</param>
public readonly record struct CarActuation(double EpsTorque, bool SteerRequested, double? AccelCommand, double BrakeDecel, bool CancelRequested)
{
    public bool ComputerBraking => BrakeDecel > 0;
}
