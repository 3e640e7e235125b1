using Pilot.Messaging.Events;

namespace Pilot.Manager.Drive;

/// <summary>What a drive achieved, from the Events it produced (ground truth from simulatorState where the world matters).</summary>
/// <param name="DurationS">simulated time covered, s</param>
/// <param name="DistanceM">distance driven along the road, m</param>
/// <param name="LateralErrorRmsM">RMS of the distance from the lane centre, m (null without simulatorState)</param>
/// <param name="LateralErrorMaxM">largest distance from the lane centre, m</param>
/// <param name="MinTimeGapS">smallest gap to a lead divided by ego speed, s (null when no lead was ever ahead while moving)</param>
/// <param name="Collision">ego touched another vehicle</param>
/// <param name="LeftLane">ego left its lane</param>
/// <param name="EngagedFraction">share of selfdriveState messages with the system engaged, 0..1</param>
/// <param name="Disengagements">engaged → not engaged transitions</param>
/// <param name="Alerts">each alert type raised, with how often it appeared (rising edges)</param>
/// <param name="Processes">per process: mean CPU while running (percent of a core), peak memory, restarts</param>
/// <param name="StackCpuPercent">mean over managerState reports of the summed CPU of all processes, percent of a core</param>
/// <param name="FrameToSendcanMs">camera start of frame to the first sendcan that carried a command computed from that frame, ms
/// (carOutput): the pipeline's latency; the commands after it reuse the frame until the next one, 50 ms later</param>
/// <param name="ControlsJitterMs">how far each controlsd period strayed from 10 ms, |Δ logMonoTime − 10 ms|, ms (controlsState)</param>
public sealed record DriveReport(double DurationS, double DistanceM, double? LateralErrorRmsM, double? LateralErrorMaxM, double? MinTimeGapS,
    bool Collision, bool LeftLane, double EngagedFraction, int Disengagements, IReadOnlyDictionary<string, int> Alerts,
    IReadOnlyList<ProcessReport> Processes, double StackCpuPercent, Distribution? FrameToSendcanMs, Distribution? ControlsJitterMs);

/// <summary>Median, 99th percentile (nearest rank) and maximum of a set of samples.</summary>
public sealed record Distribution(int Count, double P50, double P99, double Max)
{
    /// <summary>The distribution of <paramref name="samples"/>, or null when there are none.</summary>
    public static Distribution? Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0) return null;
        var sorted = samples.Order().ToArray();
        double Rank(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Distribution(sorted.Length, Rank(0.50), Rank(0.99), sorted[^1]);
    }
}

/// <param name="Name">process name</param>
/// <param name="MeanCpuPercent">mean CPU over the reports where it ran, percent of one core</param>
/// <param name="PeakMemoryBytes">largest resident memory reported</param>
/// <param name="Restarts">restarts the manager made</param>
public sealed record ProcessReport(string Name, double MeanCpuPercent, ulong PeakMemoryBytes, int Restarts);

/// <summary>
/// Accumulates a <see cref="DriveReport"/> from Events as they arrive (live from the bus or read back from a route's
/// log): feed every message of simulatorState, selfdriveState, managerState, carOutput and controlsState; other services
/// are ignored.
/// </summary>
public sealed class DriveSummary
{
    public const float MovingSpeed = 1.0f;   // m/s: below it a time gap says nothing (a stopped car behind a stopped lead)
    private const double ControlsPeriodMs = 10;   // controlsd runs at 100 Hz

    private double? _firstTime, _lastTime, _firstOdometer, _lastOdometer;
    private double _sumSquares, _maxOffset;
    private long _offsetSamples;
    private double? _minGap;
    private bool _collision, _offRoad;
    private long _selfdriveSamples, _engagedSamples;
    private bool _wasEngaged;
    private int _disengagements;
    private string _lastAlert = "";
    private readonly Dictionary<string, int> _alerts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProcessAccumulator> _processes = new(StringComparer.Ordinal);
    private double _stackCpuSum;
    private long _managerReports;
    private readonly List<double> _frameToSendcanMs = [];
    private readonly List<double> _controlsJitterMs = [];
    private ulong? _lastControlsTime;
    private ulong _lastFrameSof;   // the frame of the last latency sample: later commands from it are not new latency

    /// <summary>Takes one Event; those of other services are ignored.</summary>
    public void Add(Event.Reader ev)
    {
        switch (ev.Which)
        {
            case Event.Which.SimulatorState: AddSimulator(ev.SimulatorState); break;
            case Event.Which.SelfdriveState: AddSelfdrive(ev.SelfdriveState); break;
            case Event.Which.ManagerState: AddManager(ev.ManagerState); break;
            case Event.Which.CarOutput: AddOutput(ev.CarOutput); break;
            case Event.Which.ControlsState: AddControlsPeriod(ev.LogMonoTime); break;
        }
    }

    private void AddOutput(CarOutput.Reader o)
    {
        // Only a command computed from a camera frame has a frame-to-CAN latency (not the all-off one before the first).
        if (o.ControlMonoTime == 0 || o.FrameSofMonoTime == 0 || o.SendcanMonoTime < o.FrameSofMonoTime) return;
        if (o.FrameSofMonoTime == _lastFrameSof) return;
        _lastFrameSof = o.FrameSofMonoTime;
        _frameToSendcanMs.Add((o.SendcanMonoTime - o.FrameSofMonoTime) / 1e6);
    }

    private void AddControlsPeriod(ulong time)
    {
        if (_lastControlsTime is { } last && time > last)
            _controlsJitterMs.Add(Math.Abs((time - last) / 1e6 - ControlsPeriodMs));
        _lastControlsTime = time;
    }

    private void AddSimulator(SimulatorState.Reader s)
    {
        _firstTime ??= s.Time;
        _lastTime = s.Time;
        _firstOdometer ??= s.Odometer;
        _lastOdometer = s.Odometer;
        double offset = Math.Abs(s.LaneOffset);
        _sumSquares += offset * offset;
        _maxOffset = Math.Max(_maxOffset, offset);
        _offsetSamples++;
        if (s.LeadPresent && s.VEgo >= MovingSpeed)
        {
            double gap = Math.Max(0, s.LeadGap) / s.VEgo;
            _minGap = _minGap is { } m ? Math.Min(m, gap) : gap;
        }
        _collision |= s.Collision;
        _offRoad |= s.OffRoad;
    }

    private void AddSelfdrive(SelfdriveState.Reader s)
    {
        _selfdriveSamples++;
        if (s.Enabled) _engagedSamples++;
        else if (_wasEngaged) _disengagements++;
        _wasEngaged = s.Enabled;
        string alert = s.AlertType;
        if (alert.Length > 0 && alert != _lastAlert) _alerts[alert] = _alerts.GetValueOrDefault(alert) + 1;
        _lastAlert = alert;
    }

    private void AddManager(ManagerState.Reader m)
    {
        double total = 0;
        foreach (var p in m.Processes)
        {
            string name = p.Name;
            if (!_processes.TryGetValue(name, out var acc)) _processes[name] = acc = new ProcessAccumulator();
            if (p.Running)
            {
                acc.CpuSum += p.CpuPercent;
                acc.Reports++;
                total += p.CpuPercent;
            }
            acc.PeakMemory = Math.Max(acc.PeakMemory, p.MemoryBytes);
            acc.Restarts = (int)p.RestartCount;
        }
        _stackCpuSum += total;
        _managerReports++;
    }

    /// <summary>The report over everything added so far.</summary>
    public DriveReport Report() => new(
        (_lastTime - _firstTime) ?? 0,
        (_lastOdometer - _firstOdometer) ?? 0,
        _offsetSamples > 0 ? Math.Sqrt(_sumSquares / _offsetSamples) : null,
        _offsetSamples > 0 ? _maxOffset : null,
        _minGap,
        _collision,
        _offRoad,
        _selfdriveSamples > 0 ? (double)_engagedSamples / _selfdriveSamples : 0,
        _disengagements,
        new Dictionary<string, int>(_alerts),
        _processes.Select(p => new ProcessReport(p.Key, p.Value.Reports > 0 ? p.Value.CpuSum / p.Value.Reports : 0, p.Value.PeakMemory, p.Value.Restarts)).ToArray(),
        _managerReports > 0 ? _stackCpuSum / _managerReports : 0,
        Distribution.Of(_frameToSendcanMs),
        Distribution.Of(_controlsJitterMs));

    private sealed class ProcessAccumulator
    {
        public double CpuSum;
        public long Reports;
        public ulong PeakMemory;
        public int Restarts;
    }
}
