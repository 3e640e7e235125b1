using System.Diagnostics;
using Pilot.Bridge.Protocol;
using Pilot.Bridge.Safety;
using Pilot.Bridge.Serial;

namespace Pilot.Bridge.Bench;

/// <summary>Settings of a bench device.</summary>
public sealed record BenchDeviceOptions
{
    public int Buses { get; init; } = 3;                 // simulated CAN buses, 1..3
    public bool AllowAllOutput { get; init; }            // lets the host select the all-output debug mode
    public long HeartbeatTimeoutUs { get; init; } = 1_000_000;
    public int Baud { get; init; } = 3_000_000;
}

/// <summary>
/// The firmware side on the bench: reads the Pilot device protocol from a tty, runs every host frame through the same
/// <see cref="SafetyModel"/> the car's device runs, and puts the allowed ones on simulated buses: to an attached
/// <see cref="IBenchCar"/>, or nowhere but the loopback without one. The host gets every frame back as panda reports it
/// (returned flag; refused frames with the rejected flag). The car's frames pass the safety model's RX checks and
/// reach the host as received frames. Can inject faults. One device thread like firmware's main loop, plus a 10 ms tick
/// for the safety clock; the car may inject from any thread.
/// </summary>
public sealed class BenchDevice : IDisposable
{
    private const int TickMs = 10;              // safety clock: heartbeat and RX timeouts are checked every 10 ms
    private readonly BenchDeviceOptions _options;
    private readonly TtyLink _link;
    private readonly SafetyModel _safety;
    private readonly IBenchCar? _car;
    private readonly Lock _sync = new();
    private readonly PacketReader _reader = new();
    private readonly byte[] _output = new byte[64 * 1024];  // packets produced by one input chunk, flushed in one write
    private readonly long _start = Stopwatch.GetTimestamp();
    private int _outputLength;
    private uint _rxFrames, _txFrames, _hostControlErrors, _hostOverflows;
    private byte _busOffMask;
    private uint _dropEvery, _corruptEvery, _delayUs;
    private long _dropCounter, _corruptCounter;
    private bool _hostMidPacket;  // the host got the start of a packet whose rest was dropped
    private volatile bool _stopped;

    /// <summary>Serves the tty at <paramref name="port"/> (one end of a socat pair, a serial port).</summary>
    public BenchDevice(string port, BenchDeviceOptions? options = null, IBenchCar? car = null)
        : this(() => TtyLink.Open(port, (options ?? new BenchDeviceOptions()).Baud), options, car) { }

    /// <summary>Serves an open link, e.g. <see cref="PseudoTerminal.Master"/> of a pseudo-terminal this process opened; the device closes it.</summary>
    public BenchDevice(TtyLink link, BenchDeviceOptions? options = null, IBenchCar? car = null) : this(() => link, options, car) { }

    private BenchDevice(Func<TtyLink> link, BenchDeviceOptions? options, IBenchCar? car)
    {
        _options = options ?? new BenchDeviceOptions();
        if (_options.Buses is < 1 or > 3) throw new ArgumentOutOfRangeException(nameof(options), $"{_options.Buses} buses: the bench device simulates 1..3");
        _safety = new SafetyModel(new SafetyOptions { AllowAllOutput = _options.AllowAllOutput, HeartbeatTimeoutUs = _options.HeartbeatTimeoutUs });
        _car = car;
        _link = link();
    }

    private long NowUs => (long)((Stopwatch.GetTimestamp() - _start) * (1e6 / Stopwatch.Frequency));

    /// <summary>
    /// Serves the host until disposed or the link goes away (then throws <see cref="LinkException"/>). The calling
    /// thread runs realtime where permitted (firmware answers from an interrupt, not when a core is free).
    /// </summary>
    public void Run()
    {
        Realtime.TryRaiseCurrentThread();
        var ticker = new Thread(TickLoop) { IsBackground = true, Name = "bench-device-tick" };
        ticker.Start();
        var bytes = new byte[4096];
        var frames = new CanFrame[128];
        int n;
        try
        {
            while ((n = _link.Read(bytes)) > 0)
            {
                var input = bytes.AsSpan(0, n);
                lock (_sync)
                {
                    while (!input.IsEmpty)
                    {
                        int count = _reader.Read(input, frames, out int consumed);
                        input = input[consumed..];
                        for (int i = 0; i < count; i++) Handle(ref frames[i]);
                    }
                    Flush();
                }
            }
        }
        catch (Exception e) when (_stopped && e is LinkException or ObjectDisposedException)
        {
            // disposed while answering: the normal end, not a lost link
        }
    }

    /// <summary>
    /// A frame the car put on <see cref="CanFrame.Bus"/>: it goes through the safety model's RX checks (engagement,
    /// integrity, timeouts) and on to the host. Thread-safe. Returns false when it could not reach the host (device
    /// stopped, link lost); frames on a bus-off bus are lost as on a real bus.
    /// </summary>
    public bool InjectFromCar(in CanFrame frame)
    {
        if (frame.Bus >= _options.Buses) throw new ArgumentOutOfRangeException(nameof(frame), $"bus {frame.Bus}: the bench device simulates buses 0..{_options.Buses - 1}");
        lock (_sync)
        {
            if (_stopped) return false;
            Receive(frame);
            try
            {
                Flush();
                return true;
            }
            catch (LinkException)
            {
                return false;  // the device thread sees the lost link too and ends Run
            }
        }
    }

    public void Dispose()
    {
        lock (_sync) _stopped = true;  // an InjectFromCar in progress finishes first; later ones see the device stopped
        _link.Dispose();
    }

    private void TickLoop()
    {
        // Raised like the reader: it takes the reader's lock, and a time-shared holder preempted inside it would stall the
        // realtime reader behind ordinary work for a whole scheduling slice (priority inversion).
        Realtime.TryRaiseCurrentThread();
        while (!_stopped)
        {
            Thread.Sleep(TickMs);
            lock (_sync) _safety.Tick(NowUs);
        }
    }

    private void Handle(ref CanFrame frame)
    {
        if (Control.IsControl(frame))
        {
            HandleControl(frame);
            return;
        }
        if (frame.Bus >= _options.Buses)
        {
            frame.Rejected = true;  // no such bus: refuse visibly rather than silently
            Emit(frame);
            return;
        }
        if (_dropEvery > 0 && ++_dropCounter % _dropEvery == 0) return;
        if ((_busOffMask & (1 << frame.Bus)) != 0) return;  // a bus-off controller transmits nothing
        bool allowed = _safety.Tx(frame.Bus, frame.Address, frame.Data, NowUs);
        if (allowed)
        {
            _txFrames++;
            frame.Returned = frame.Rejected = false;  // on the bus a frame is just a frame
            _car?.FromDevice(frame);
        }
        frame.Returned = allowed;
        frame.Rejected = !allowed;
        Emit(frame);
    }

    private void HandleControl(in CanFrame frame)
    {
        try
        {
            switch ((ControlOp)frame.Address)
            {
                case ControlOp.SetSafetyMode:
                    var (mode, _) = Control.ReadSafetyMode(frame);
                    _safety.SetMode(mode, NowUs);
                    EmitHealth();
                    break;
                case ControlOp.Heartbeat:
                    _safety.Heartbeat(NowUs, Control.ReadHeartbeat(frame));
                    break;
                case ControlOp.SetBitrate:
                    Control.ReadBitrate(frame);  // validated; simulated buses run at any rate
                    break;
                case ControlOp.HealthRequest:
                    EmitHealth();
                    break;
                case ControlOp.Fault:
                    ApplyFault(Control.ReadFault(frame));
                    break;
                case ControlOp.InjectRx:
                    var car = Control.ReadInjectRx(frame);
                    if (car.Bus < _options.Buses) Receive(car);
                    break;
            }
        }
        catch (InvalidDataException)
        {
            _hostControlErrors++;  // a malformed control message never stops the device
        }
    }

    // A frame from a bus: the safety model watches it, the host gets it.
    private void Receive(CanFrame frame)
    {
        if ((_busOffMask & (1 << frame.Bus)) != 0) return;
        _safety.Rx(frame.Bus, frame.Address, frame.Data, NowUs);
        _rxFrames++;
        frame.Returned = frame.Rejected = false;
        Emit(frame);
    }

    private void ApplyFault((FaultKind Kind, uint Argument) fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.Clear:
                _dropEvery = _corruptEvery = _delayUs = 0;
                _busOffMask = 0;
                break;
            case FaultKind.Drop: _dropEvery = fault.Argument; break;
            case FaultKind.Corrupt: _corruptEvery = fault.Argument; break;
            case FaultKind.Delay: _delayUs = fault.Argument; break;
            case FaultKind.BusOff when fault.Argument < 3:
                _busOffMask |= (byte)(1 << (int)fault.Argument);
                Emit(Control.BusError((int)fault.Argument, BusErrorState.BusOff));
                break;
            case FaultKind.Silence:
                Flush();
                Thread.Sleep((int)fault.Argument);  // neither reads nor answers meanwhile
                break;
        }
    }

    private void EmitHealth()
    {
        _safety.Tick(NowUs);  // report the state as of now, not as of the last tick
        var health = DeviceHealth.FromSafety(_safety, (uint)(NowUs / 1000), bench: true);
        health.BusOffMask = _busOffMask;
        health.RxFrames = _rxFrames;
        health.TxFrames = _txFrames;
        health.HostPacketErrors = (uint)_reader.Stats.Errors + _hostControlErrors;
        health.HostOverflows = _hostOverflows;
        health.ActiveFaults = (byte)((_dropEvery > 0 ? 1 << (int)FaultKind.Drop : 0) | (_delayUs > 0 ? 1 << (int)FaultKind.Delay : 0)
            | (_corruptEvery > 0 ? 1 << (int)FaultKind.Corrupt : 0) | (_busOffMask != 0 ? 1 << (int)FaultKind.BusOff : 0));
        Emit(Control.Health(health));
    }

    private void Emit(in CanFrame frame)
    {
        if (_outputLength + PacketWriter.MaxEncodedSize > _output.Length) Flush();
        int start = _outputLength;
        _outputLength += PacketWriter.Write(frame, _output.AsSpan(_outputLength));
        if (_corruptEvery > 0 && ++_corruptCounter % _corruptEvery == 0)
            _output[start + (_outputLength - start) / 2] ^= 0x10;  // one flipped bit mid-packet: the host must catch it
    }

    // Never waits for the host: a host that stops reading (or none yet on the port) must not stall the device or the
    // car feeding it. What the tty cannot take now is lost and counted, as a real device drops its full USB queue.
    private void Flush()
    {
        if (_outputLength == 0) return;
        if (_delayUs > 0) Thread.Sleep(TimeSpan.FromMicroseconds(_delayUs));
        int length = _outputLength;
        int written = _link.Write(_output.AsSpan(0, length), timeoutMs: 0);
        _outputLength = 0;
        if (written > 0) _hostMidPacket = _output[written - 1] != Cobs.Delimiter;
        if (written < length) _hostOverflows++;
        if (_hostMidPacket) _output[_outputLength++] = Cobs.Delimiter;  // end the cut packet first, so only that one is lost
    }
}
