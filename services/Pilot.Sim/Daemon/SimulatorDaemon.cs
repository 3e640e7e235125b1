using System.Collections.Concurrent;
using Pilot.Bridge.Bench;
using Pilot.Bridge.Serial;
using Pilot.Capnp;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Pilot.Daemons;
using Pilot.Sim.Car;
using Pilot.Sim.Scenarios;
using Pilot.Sim.World;
using DeviceFrame = Pilot.Bridge.Protocol.CanFrame;
using CanFrame = Pilot.Can.Packing.CanFrame;

namespace Pilot.Sim.Daemon;

/// <summary>
/// The simulator as a process: steps the world in (scaled) real time at 100 Hz, publishes <c>simulatorState</c>, and is
/// the car on the far side of a bench device served on a pseudo-terminal: <c>pilot bridge run --port PATH</c> connects
/// to it, the device's safety model decides what reaches the car, and the car's traffic reaches the host through the
/// device's RX checks, as it would from a real car. The scenario waits (the car idling on its buses) until the
/// services in <see cref="SimulatorOptions.WaitFor"/> are alive, in frequency and valid.
/// </summary>
public sealed class SimulatorDaemon : IDaemon, IBenchCar
{
    /// <summary>World step, s (the car's fastest messages run at 100 Hz).</summary>
    public const double StepS = 0.01;
    /// <summary>Most world steps per daemon step: after a stall the world catches up this fast, then drops the rest.</summary>
    public const int MaxStepsPerCall = 10;

    private const long StepNs = (long)(StepS * 1e9);
    private readonly ITransport _transport;
    private readonly SimulatorOptions _options;
    private readonly PubMaster _pub;
    private readonly MessageBuilder _message = new();
    private readonly ConcurrentQueue<CanFrame> _fromHost = new();   // filled on the device thread
    private readonly List<CanFrame> _deliver = [];
    private readonly List<CanFrame> _toHost = [];
    private readonly PseudoTerminal? _pty;
    private readonly BenchDevice? _device;
    private readonly Thread? _deviceThread;
    private long _lastNs = -1;
    private double _pendingNs;
    private bool _started;

    public SimulatorDaemon(ITransport transport, SimulatorOptions options)
    {
        if (!(options.Speed > 0) || !double.IsFinite(options.Speed))
            throw new ArgumentOutOfRangeException(nameof(options), options.Speed, "the real-time factor must be a finite number above 0");
        _transport = transport;
        _options = options;
        World = new SimWorld(ScenarioRegistry.Get(options.Scenario), CarCans.Create(options.Car));
        _pub = new PubMaster([SimStateEvent.Service], transport);
        Inputs = new SubMaster(options.WaitFor, transport: transport);
        if (!options.BenchDevice) return;
        _pty = PseudoTerminal.Open(options.Link);
        // The sim car has no brand rules in the device: its port asks for all-output, which the bench allows only for it.
        _device = new BenchDevice(_pty.Master, new BenchDeviceOptions { AllowAllOutput = options.Car == CarCans.Sim }, this);
        _deviceThread = new Thread(ServeDevice) { IsBackground = true, Name = "simulator-bench-device" };
        _deviceThread.Start();
    }

    public string Name => "simulator";
    public Schedule Schedule { get; } = new Schedule.Timed(100);
    public SubMaster Inputs { get; }
    public SimWorld World { get; }

    /// <summary>The port <c>pilot bridge run --port</c> opens (null without a bench device).</summary>
    public string? DevicePath => _pty?.HostPath;

    /// <summary>Whether the scenario has started (everything waited for was up).</summary>
    public bool Started => _started;

    /// <summary>Why the bench device stopped serving, if it did.</summary>
    public Exception? DeviceFailure { get; private set; }

    public void Step()
    {
        long now = _transport.NowNs();
        if (_lastNs < 0) _lastNs = now;
        _pendingNs = Math.Min(_pendingNs + (now - _lastNs) * _options.Speed, MaxStepsPerCall * StepNs);
        _lastNs = now;

        _deliver.Clear();
        while (_fromHost.TryDequeue(out var f)) _deliver.Add(f);
        World.DeliverFromHost(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_deliver));

        _started |= Ready();
        while (_pendingNs >= StepNs)
        {
            if (_started) World.Step(StepS);
            else World.Hold(StepS);
            _pendingNs -= StepNs;
        }

        _toHost.Clear();
        World.CollectToHost(_toHost);
        if (_device is not null)
            foreach (var f in _toHost) _device.InjectFromCar(DeviceFrame.Create(f.Bus, f.Address, f.Data));
        World.Publish(_pub, _message);   // ground truth is valid by definition, waiting or not
    }

    /// <summary>A frame the device's safety model let onto the car's buses (device thread): queued for the next step.</summary>
    public void FromDevice(in DeviceFrame frame)
    {
        var copy = frame;
        _fromHost.Enqueue(new CanFrame(frame.Address, copy.Data.ToArray(), frame.Bus));
    }

    private bool Ready()
    {
        // Healthy, not just heard: controlsState is valid only once every input of controlsd is, so the driver's SET
        // press does not land on a system still starting up (a refused press is not repeated).
        foreach (var s in Inputs.States)
            if (!s.Alive || !s.FrequencyOk || !s.Valid) return false;
        if (Inputs.States.Any(s => s.Service.Name == "bridgeState"))
        {
            var bridge = new Event.Reader(Inputs["bridgeState"].Event).BridgeState;
            return bridge.SafetyModel is not (CarParams.SafetyModel.Silent or CarParams.SafetyModel.NoOutput);
        }
        return true;
    }

    private void ServeDevice()
    {
        try
        {
            _device!.Run();
        }
        catch (Exception e)
        {
            DeviceFailure = e;   // reported by the command; the world keeps running and publishing
            Console.Error.WriteLine($"simulator: bench device stopped: {e.Message}");
        }
    }

    public void Dispose()
    {
        _device?.Dispose();
        _deviceThread?.Join(TimeSpan.FromSeconds(2));
        _pty?.Dispose();
        _pub.Dispose();
        Inputs.Dispose();
    }
}
