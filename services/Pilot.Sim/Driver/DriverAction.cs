namespace Pilot.Sim.Driver;

/// <summary>Something the simulated driver does at scenario time <see cref="AtS"/> (s).</summary>
public abstract record DriverAction(double AtS);

/// <summary>Press and hold a cruise button for <paramref name="HoldS"/> s.</summary>
public sealed record PressButton(double AtS, CruiseButton Button, double HoldS = DriverModel.ButtonHoldS) : DriverAction(AtS);

/// <summary>Hold the pedals for <paramref name="DurationS"/> s: brake and gas 0..1 of their travel.</summary>
public sealed record PressPedals(double AtS, double DurationS, double Brake, double Gas) : DriverAction(AtS);

/// <summary>Apply <paramref name="TorqueNm"/> (N·m, positive left) to the steering wheel for <paramref name="DurationS"/> s.</summary>
public sealed record SteerWheel(double AtS, double DurationS, double TorqueNm) : DriverAction(AtS);
