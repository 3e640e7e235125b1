namespace Pilot.Sim.Traffic;

/// <summary>
/// Another vehicle on the road: a point on the road's reference-line coordinates (distance along it, lateral
/// offset) following its script. It drives along the road exactly (no dynamics of its own beyond acceleration and
/// lateral speed limits), which is all a lead or a cut-in needs to be.
/// </summary>
public sealed class TrafficVehicle
{
    /// <summary>A mid-size car, m.</summary>
    public const double DefaultLengthM = 4.6;
    public const double DefaultWidthM = 1.85;

    private readonly Maneuver[] _script;   // ordered by start time
    private double _targetSpeed, _speedRate, _targetLateral, _lateralRate;
    private int _next;

    /// <param name="centerS">Distance of its centre along the reference line, m.</param>
    /// <param name="lateral">Its centre from the reference line, m, positive left.</param>
    /// <param name="speed">Initial speed, m/s (held until the script says otherwise).</param>
    /// <param name="script">Maneuvers, applied at their start times.</param>
    public TrafficVehicle(double centerS, double lateral, double speed, IEnumerable<Maneuver> script, double lengthM = DefaultLengthM, double widthM = DefaultWidthM)
    {
        CenterS = centerS;
        Lateral = _targetLateral = lateral;
        Speed = _targetSpeed = speed;
        _script = [.. script.OrderBy(m => m.AtS)];
        LengthM = lengthM;
        WidthM = widthM;
    }

    public double CenterS { get; private set; }
    public double Lateral { get; private set; }
    public double Speed { get; private set; }
    /// <summary>Acceleration over the last step, m/s².</summary>
    public double Accel { get; private set; }
    /// <summary>Lateral speed over the last step, m/s, positive left.</summary>
    public double LateralSpeed { get; private set; }
    public double LengthM { get; }
    public double WidthM { get; }
    public double RearS => CenterS - LengthM / 2;
    public double FrontS => CenterS + LengthM / 2;

    /// <summary>Advances from scenario time <paramref name="time"/> by <paramref name="dt"/> s.</summary>
    public void Step(double time, double dt)
    {
        while (_next < _script.Length && _script[_next].AtS <= time)
        {
            switch (_script[_next++])
            {
                case ChangeSpeed c:
                    _targetSpeed = Math.Max(0, c.TargetMps);
                    _speedRate = Math.Abs(c.AccelMps2);
                    break;
                case ChangeLateral c:
                    _targetLateral = c.TargetLateralM;
                    _lateralRate = Math.Abs(c.LateralSpeedMps);
                    break;
            }
        }
        double v0 = Speed, y0 = Lateral;
        Speed = Toward(Speed, _targetSpeed, _speedRate * dt);
        Lateral = Toward(Lateral, _targetLateral, _lateralRate * dt);
        CenterS += dt * (v0 + Speed) / 2;
        Accel = dt > 0 ? (Speed - v0) / dt : 0;
        LateralSpeed = dt > 0 ? (Lateral - y0) / dt : 0;
    }

    private static double Toward(double value, double target, double maxStep) =>
        value < target ? Math.Min(target, value + maxStep) : Math.Max(target, value - maxStep);
}
