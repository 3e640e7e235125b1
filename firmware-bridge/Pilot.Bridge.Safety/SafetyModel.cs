namespace Pilot.Bridge.Safety;

/// <summary>
/// The device's safety model: one instance per device, fed every received frame (<see cref="Rx"/>), asked about
/// every frame to send (<see cref="Tx"/>), and ticked with the clock. Refuses by default: a frame passes only when
/// the mode has a brand, the frame is whitelisted and every actuation check holds. Times are monotonic µs.
/// Not thread-safe: the device serialises calls, as firmware does in its CAN interrupt.
/// </summary>
public sealed class SafetyModel
{
    private readonly SafetyOptions _options;
    private BrandHooks? _brand;
    private RxStatus[] _rx = [];
    private VehicleState _vehicle;
    private SafetyCounters _counters;
    private long _lastHeartbeatUs;
    private int _engagedMismatches;  // heartbeats in a row saying the host is not engaged while control is allowed
    // Steering history (panda desired_torque_last / rt_torque_last / ts_last).
    private int _torqueLast;       // EPS units, last command that passed
    private int _rtTorqueLast;     // EPS units, command at the start of the current real-time window
    private long _rtWindowStartUs;

    public SafetyModel(SafetyOptions? options = null) => _options = options ?? new SafetyOptions();

    public SafetyMode Mode { get; private set; } = SafetyMode.Silent;
    public bool ControlsAllowed { get; private set; }
    public bool HeartbeatLost { get; private set; }
    public bool SpeedMismatch { get; private set; }
    public VehicleState Vehicle => _vehicle;
    public SafetyCounters Counters => _counters;

    /// <summary>True when every RX check has been heard, is on time and has passed its integrity checks.</summary>
    public bool RxValid
    {
        get
        {
            foreach (var status in _rx)
                if (!status.Valid) return false;
            return true;
        }
    }

    /// <summary>Switches mode and resets all state (control off). Returns false, changing nothing, for a forbidden mode.</summary>
    public bool SetMode(SafetyMode mode, long nowUs)
    {
        if (!Enum.IsDefined(mode) || (mode == SafetyMode.AllOutput && !_options.AllowAllOutput))
        {
            _counters.ModeRefused++;
            return false;
        }
        Mode = mode;
        _brand = BrandHooks.For(mode);
        _rx = new RxStatus[_brand?.Rx.Count ?? 0];
        _vehicle = default;
        _counters = default;
        ControlsAllowed = false;
        HeartbeatLost = false;
        SpeedMismatch = false;
        _lastHeartbeatUs = nowUs;
        _engagedMismatches = 0;
        ResetSteering(nowUs);
        return true;
    }

    /// <summary>
    /// The host's heartbeat, saying whether its controls are engaged. Device and host must agree (panda's
    /// heartbeat_engaged check): while control is allowed but the host keeps saying it is not engaged, control is
    /// withdrawn after <see cref="SafetyOptions.MaxEngagedMismatches"/> beats in a row. Fewer are tolerated: the host
    /// learns of an engagement a beat after the device.
    /// </summary>
    public void Heartbeat(long nowUs, bool hostEngaged)
    {
        _lastHeartbeatUs = nowUs;
        _engagedMismatches = ControlsAllowed && !hostEngaged ? _engagedMismatches + 1 : 0;
        if (_engagedMismatches < _options.MaxEngagedMismatches) return;
        _engagedMismatches = 0;
        ControlsAllowed = false;
        _counters.ControlsMismatches++;
    }

    /// <summary>Applies the clock: late RX messages and a lost heartbeat withdraw control.</summary>
    public void Tick(long nowUs)
    {
        bool actuating = Mode is not (SafetyMode.Silent or SafetyMode.NoOutput);
        if (actuating && nowUs - _lastHeartbeatUs > _options.HeartbeatTimeoutUs)
        {
            var counters = _counters;
            SetMode(SafetyMode.NoOutput, nowUs);
            _counters = counters;
            _counters.HeartbeatTimeouts++;
            HeartbeatLost = true;
        }
        for (int i = 0; i < _rx.Length; i++)
        {
            ref var status = ref _rx[i];
            if (status.Seen && !status.Late && nowUs - status.LastUs > Timeout(_brand!.Rx[i]))
            {
                status.Late = true;
                _counters.RxTimeouts++;
                ControlsAllowed = false;
            }
        }
    }

    /// <summary>A frame received from a bus. Returns whether it passed the RX checks (unchecked frames always pass).</summary>
    public bool Rx(int bus, uint address, ReadOnlySpan<byte> data, long nowUs)
    {
        int index = FindRx(bus, address);
        if (index < 0) return true;
        var check = _brand!.Rx[index];
        ref var status = ref _rx[index];

        bool lengthOk = data.Length == check.Length;
        bool checksumOk = lengthOk && (!check.Checksum || _brand.ChecksumValid(address, data));
        if (lengthOk && check.Counter.Length > 0)
        {
            int counter = check.Counter.Read(data);
            bool expected = !status.Seen || counter == ((status.LastCounter + 1) & check.MaxCounter);
            status.WrongCounters = expected
                ? Math.Max(status.WrongCounters - 1, 0)
                : Math.Min(status.WrongCounters + 1, _options.Vehicle.MaxWrongCounters);
            status.LastCounter = counter;
        }
        status.IntegrityOk = checksumOk && status.WrongCounters < _options.Vehicle.MaxWrongCounters;
        if (!status.IntegrityOk)
        {
            _counters.RxInvalid++;
            ControlsAllowed = false;
            return false;
        }
        status.Seen = true;
        status.Late = false;
        status.LastUs = nowUs;

        var before = _vehicle;
        _brand.Decode(address, data, ref _vehicle);
        UpdateControls(before, nowUs);
        return true;
    }

    /// <summary>A frame the host asks to send. Returns whether it may go on the bus; refusals are counted.</summary>
    public bool Tx(int bus, uint address, ReadOnlySpan<byte> data, long nowUs)
    {
        Tick(nowUs);
        bool allowed = Mode == SafetyMode.AllOutput
            || (_brand is not null && Whitelisted(bus, address, data.Length) && CommandAllowed(_brand.ReadTx(address, data), nowUs));
        if (allowed) _counters.TxAllowed++;
        else _counters.TxBlocked++;
        return allowed;
    }

    // The engage/disengage state machine, run after every valid RX message (panda pcm_cruise_check and friends).
    private void UpdateControls(in VehicleState before, long nowUs)
    {
        var limits = _options.Vehicle;
        SpeedMismatch = Math.Abs(_vehicle.Speed - _vehicle.SpeedCheck) > limits.MaxSpeedMismatch;
        bool moving = _vehicle.Speed > limits.StandstillSpeed;
        bool engageEdge = _vehicle.CruiseEngaged && !before.CruiseEngaged;
        bool brakeDisengage = _vehicle.BrakePressed && (!before.BrakePressed || moving);
        bool disengage = !_vehicle.CruiseEngaged || brakeDisengage || _vehicle.SteeringFault || SpeedMismatch || !RxValid;
        bool allowed = !disengage && (ControlsAllowed || engageEdge);
        if (allowed && !ControlsAllowed) ResetSteering(nowUs);  // a new engagement never inherits an old ramp
        ControlsAllowed = allowed;
    }

    private bool Whitelisted(int bus, uint address, int length)
    {
        foreach (var rule in _brand!.Tx)
            if (rule.Address == address && rule.Bus == bus && rule.Length == length) return true;
        return false;
    }

    // One composition: each field the frame carries must pass its check; actuation without control never passes.
    private bool CommandAllowed(in TxCommand command, long nowUs)
    {
        var longitudinal = _brand!.Longitudinal;
        bool longitudinalAllowed = ControlsAllowed && !_vehicle.GasPressed;  // gas overrides longitudinal only
        bool actuatesWithoutControl =
            (command.Has(TxFields.Steer) && !ControlsAllowed && (command.Torque != 0 || command.SteerRequest))
            || (command.Has(TxFields.Accel) && !longitudinalAllowed && command.Accel != longitudinal.InactiveAccel)
            || (command.Has(TxFields.Gas) && !longitudinalAllowed && command.Gas != longitudinal.InactiveGas)
            || (command.Has(TxFields.Brake) && !longitudinalAllowed && command.Brake != 0)
            || (command.Has(TxFields.Buttons) && !ControlsAllowed && command.Button != _brand.CancelButton);
        if (actuatesWithoutControl) _counters.TxBlockedWithoutControls++;

        bool steerOk = !command.Has(TxFields.Steer) || SteerAllowed(command, nowUs);
        bool accelOk = !command.Has(TxFields.Accel) || InRange(command.Accel, longitudinal.MinAccel, longitudinal.MaxAccel);
        bool gasOk = !command.Has(TxFields.Gas) || InRange(command.Gas, longitudinal.InactiveGas, longitudinal.MaxGas);
        bool brakeOk = !command.Has(TxFields.Brake) || InRange(command.Brake, 0, longitudinal.MaxBrake);
        return !actuatesWithoutControl && steerOk && accelOk && gasOk && brakeOk;
    }

    private static bool InRange(int value, int min, int max) => value >= min && value <= max;

    // panda steer_torque_cmd_checks: limits apply while control is allowed (actuation without control is refused by
    // the composition in CommandAllowed); a violation or a disengaged frame resets the history.
    private bool SteerAllowed(in TxCommand command, long nowUs)
    {
        if (!ControlsAllowed)
        {
            ResetSteering(nowUs);
            return true;
        }
        var limits = _brand!.Torque;
        int torque = command.Torque;
        bool violation = Math.Abs(torque) > limits.Max
            || !RateAllowed(torque, limits)
            || !RealTimeAllowed(torque, limits)
            || (!command.SteerRequest && torque != 0);
        _torqueLast = torque;
        if (nowUs - _rtWindowStartUs > limits.RtIntervalUs)
        {
            _rtTorqueLast = torque;
            _rtWindowStartUs = nowUs;
        }
        if (violation) ResetSteering(nowUs);
        return !violation;
    }

    // Magnitude may grow by MaxRateUp per frame, must fall at least as fast as the driver or the motor says
    // (panda driver_limit_check / dist_to_meas_check).
    private bool RateAllowed(int torque, TorqueLimits limits)
    {
        int highest = Math.Max(_torqueLast, 0) + limits.MaxRateUp;
        int lowest = Math.Min(_torqueLast, 0) - limits.MaxRateUp;
        int ceiling, floor;
        if (limits.Kind == TorqueLimitKind.DriverLimited)
        {
            ceiling = limits.Max + (limits.DriverAllowance + _vehicle.DriverTorque.Max) * limits.DriverFactor;
            floor = -limits.Max + (-limits.DriverAllowance + _vehicle.DriverTorque.Min) * limits.DriverFactor;
        }
        else
        {
            ceiling = Math.Max(_vehicle.MeasuredTorque.Max, 0) + limits.MaxTorqueError;
            floor = Math.Min(_vehicle.MeasuredTorque.Min, 0) - limits.MaxTorqueError;
        }
        highest = Math.Min(highest, Math.Max(_torqueLast - limits.MaxRateDown, Math.Max(ceiling, 0)));
        lowest = Math.Max(lowest, Math.Min(_torqueLast + limits.MaxRateDown, Math.Min(floor, 0)));
        return InRange(torque, lowest, highest);
    }

    // Within one real-time window the command may move at most MaxRtDelta away from where the window began.
    private bool RealTimeAllowed(int torque, TorqueLimits limits) =>
        InRange(torque, Math.Min(_rtTorqueLast, 0) - limits.MaxRtDelta, Math.Max(_rtTorqueLast, 0) + limits.MaxRtDelta);

    private void ResetSteering(long nowUs)
    {
        _torqueLast = 0;
        _rtTorqueLast = 0;
        _rtWindowStartUs = nowUs;
    }

    private int FindRx(int bus, uint address)
    {
        for (int i = 0; i < _rx.Length; i++)
        {
            var check = _brand!.Rx[i];
            if (check.Address == address && check.Bus == bus) return i;
        }
        return -1;
    }

    private long Timeout(in RxCheck check) =>
        Math.Max(check.PeriodUs * _options.Vehicle.TimeoutPeriods, _options.Vehicle.MinTimeoutUs);

    private struct RxStatus
    {
        public bool Seen;
        public bool Late;
        public bool IntegrityOk;
        public long LastUs;
        public int LastCounter;
        public int WrongCounters;
        public readonly bool Valid => Seen && !Late && IntegrityOk;
    }
}
