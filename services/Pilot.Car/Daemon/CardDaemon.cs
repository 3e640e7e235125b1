using Pilot.Capnp;
using Pilot.Car.Fingerprinting;
using Pilot.Car.Messaging;
using Pilot.Car.Model;
using Pilot.Car.Ports;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Pilot.Daemons;
using Frame = Pilot.Can.Packing.CanFrame;

namespace Pilot.Car.Daemon;

/// <summary>
/// card, the car interface process (openpilot card.py): on every <c>can</c> message it decodes the car's state and
/// publishes <c>carState</c> (valid = CAN valid), <c>liveTracks</c> when the radar finished a scan, and
/// <c>carParams</c> once the car is recognized and every 50 s; then it encodes the newest <c>carControl</c> into
/// <c>sendcan</c>. A carControl that is missing, older than <see cref="MaxControlAgeNs"/> or not enabled actuates
/// nothing: the port encodes an all-off command (steering request bit clear); only a cruise cancel of a fresh,
/// disengaged carControl is passed on. After each sendcan, <c>carOutput</c> says which carControl (and so which camera
/// frame) it carried: the end of the frame-to-actuation chain.
/// </summary>
public sealed class CardDaemon : IDaemon
{
    /// <summary>A carControl older than this (ns) is stale: control has stopped, so the car must not act on it.</summary>
    public const long MaxControlAgeNs = 100_000_000;

    /// <summary>carParams is republished this often (ns) so late subscribers (the bridge) learn the safety mode.</summary>
    public const long ParamsPeriodNs = 50_000_000_000;

    /// <summary>
    /// For this long after the car is recognized, carParams goes out every <see cref="StartupParamsPeriodNs"/>: processes
    /// started alongside card (controlsd, the bridge) subscribe a moment later and PUB/SUB keeps no history, so a single
    /// message at recognition would leave them waiting <see cref="ParamsPeriodNs"/>.
    /// </summary>
    public const long StartupParamsNs = 10_000_000_000, StartupParamsPeriodNs = 1_000_000_000;

    private static readonly string[] Outputs = ["carState", "carParams", "liveTracks", "sendcan", "carOutput"];

    private readonly ITransport _transport;
    private readonly CardOptions _options;
    private readonly PubMaster _pub;
    private readonly ISubscriber _can;                  // every can message, drained: SubMaster keeps only the newest
    private readonly MessageBuilder _message = new();
    private readonly List<Frame> _received = new(256);
    private readonly List<Frame> _send = new(8);
    private readonly Fingerprinter _fingerprinter;
    private ICarInterface? _car;
    private IRadarInterface? _radar;
    private CarParamsData? _params;
    private long? _lastParamsNs;   // when carParams was last published; null before the first
    private long? _firstParamsNs;  // when the car was recognized (the first carParams)

    public CardDaemon(ITransport transport, CardOptions options)
    {
        _transport = transport;
        _options = options;
        _pub = new PubMaster(Outputs, transport);
        Inputs = new SubMaster(["can", "carControl"], poll: "can", transport: transport);
        _can = transport.Subscribe(Pilot.Messaging.Services.Get("can"), conflate: false);
        _fingerprinter = new Fingerprinter(options.Candidates);
        if (options.Car is { } name) Recognize(CarPorts.Get(name), FingerprintSource.Fixed);
    }

    public string Name => "card";
    public Schedule Schedule { get; } = new Schedule.Polled("can");
    public SubMaster Inputs { get; }

    /// <summary>The recognized port, or null while fingerprinting or after it refused.</summary>
    public CarPort? Port { get; private set; }

    /// <summary>Why no port was chosen (unknown or ambiguous traffic), or null.</summary>
    public string? RecognitionFailure { get; private set; }

    /// <summary><c>can</c> messages that could not be read (corrupt), since start.</summary>
    public long BadCanMessages { get; private set; }

    public void Step()
    {
        long now = _transport.NowNs();
        DrainCan();
        if (_car is null && !Fingerprint(now)) return;
        _car!.Update(now, _received);
        PublishCarState();
        if (_radar?.Update(now, _received) is { } tracks) PublishTracks(tracks);
        _firstParamsNs ??= now;
        long period = now - _firstParamsNs < StartupParamsNs ? StartupParamsPeriodNs : ParamsPeriodNs;
        if (_lastParamsNs is not { } last || now - last >= period) PublishParams(now);
        _send.Clear();
        _car.Apply(ControlFor(now, out ulong controlMonoTime, out ulong frameSof), _send);
        var ev = Root();
        CanEvents.Write(_send, ev.InitSendcan(_send.Count));
        _pub.Send("sendcan", _message);
        PublishOutput(controlMonoTime, frameSof, (ulong)_transport.NowNs());
    }

    private void DrainCan()
    {
        _received.Clear();
        while (_can.TryReceive(out var raw))
        {
            try
            {
                var ev = new Event.Reader(MessageReader.ReadFramed(raw).Root);
                if (ev.Which == Event.Which.Can) CanEvents.Read(ev.Can, _received);
            }
            catch (CapnpException)
            {
                BadCanMessages++;   // a corrupt message loses its frames; the parser's timeouts judge the rest
            }
        }
    }

    // Returns true once a port is chosen; a refusal is final (openpilot stays in dashcam mode for the drive).
    private bool Fingerprint(long now)
    {
        if (RecognitionFailure is not null) return false;
        if (_fingerprinter.Feed(now, _received) is not { } result) return false;
        if (result.Port is null)
        {
            RecognitionFailure = result.Reason;
            Console.Error.WriteLine($"card: {result.Reason}; not controlling this car");
            return false;
        }
        Recognize(result.Port, FingerprintSource.Can);
        return true;
    }

    private void Recognize(CarPort port, FingerprintSource source)
    {
        Port = port;
        _params = port.Params with { FingerprintSource = source };
        _car = port.CreateInterface(_options.Dbc);
        _radar = port.Params.RadarUnavailable ? null : port.CreateRadar(_options.Dbc);
    }

    private CarControlData ControlFor(long now, out ulong controlMonoTime, out ulong frameSof)
    {
        var state = Inputs["carControl"];
        controlMonoTime = frameSof = 0;
        if (state.ReceiveCount == 0 || now - (long)state.LogMonoTime > MaxControlAgeNs) return default;
        var message = new Event.Reader(state.Event).CarControl;
        var control = CarControlReader.Read(message);
        // Disengaged: no actuation, but a cancel still reaches the car's own cruise (it only ever disengages).
        if (!control.Enabled) return new CarControlData { CruiseCancel = control.CruiseCancel };
        controlMonoTime = state.LogMonoTime;   // only an actuating command carries its frame to the car
        frameSof = message.FrameSofMonoTime;
        return control;
    }

    private void PublishCarState()
    {
        CarStateWriter.Write(_car!.State, Root().InitCarState());
        _pub.Send("carState", _message, valid: _car.State.CanValid);
    }

    private void PublishTracks(RadarTracks tracks)
    {
        RadarWriter.Write(tracks, Root().InitLiveTracks());
        _pub.Send("liveTracks", _message, valid: (tracks.Errors & RadarErrors.CanError) == 0);
    }

    // sentAt is read after the sendcan went out, so the latency it gives errs long by the microseconds in between.
    private void PublishOutput(ulong controlMonoTime, ulong frameSof, ulong sentAt)
    {
        var output = Root().InitCarOutput();
        output.SetControlMonoTime(controlMonoTime);
        output.SetFrameSofMonoTime(frameSof);
        output.SetSendcanMonoTime(sentAt);
        _pub.Send("carOutput", _message);
    }

    private void PublishParams(long now)
    {
        CarParamsWriter.Write(_params!, Root().InitCarParams());
        _pub.Send("carParams", _message);
        _lastParamsNs = now;
    }

    private Event.Builder Root()
    {
        _message.Reset();
        return new Event.Builder(_message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
    }

    public void Dispose()
    {
        _can.Dispose();
        Inputs.Dispose();
        _pub.Dispose();
    }
}
