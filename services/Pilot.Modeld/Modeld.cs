using System.Diagnostics;
using Pilot.Capnp;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.Vision;
using Pilot.Modeld.Inference;
using Pilot.Modeld.Output;
using Pilot.Daemons;
using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Driving;
using Pilot.Vision.Models;

namespace Pilot.Modeld;

/// <summary>
/// modeld: for each <c>roadCameraState</c>, takes that frame from the road stream's shared memory, warps it into the model
/// view, stacks it after the previous frame, runs the driving network on the CPU engine and publishes <c>modelV2</c>
/// (y LEFT). A frame that never arrives or was overwritten while being read is skipped and counts as dropped.
/// Allocation-free per frame after the first.
/// </summary>
public sealed class Modeld : IDaemon
{
    private readonly ITransport _transport;
    private readonly ModeldOptions _options;
    private readonly CpuBackend _backend;
    private readonly ModelRunner _runner;
    private readonly ModelV2Writer _writer = new();
    private readonly FrameDropWindow _drops = new();
    private readonly VisionClient _frames;
    private readonly PubMaster _pub;
    private readonly MessageBuilder _message = new(8192);
    private byte[] _packed = [];   // a frame repacked without row padding, when the pool's stride exceeds its width
    private uint? _previousFrameId;

    public Modeld(ITransport transport, ModeldOptions options)
    {
        _transport = transport;
        _options = options;
        _backend = new CpuBackend(threads: options.Threads);
        var model = DrivingNet.Create(batch: 1);
        model.Build(_backend);
        ModelCheckpoint.Load(model, options.Weights);
        model.Training = false;
        _runner = new ModelRunner(model, options.Camera, options.Calibration);
        _frames = new VisionClient(VisionStream.Road, options.VisionBus);
        _pub = new PubMaster(["modelV2"], transport);
        Inputs = new SubMaster(["roadCameraState", "carState"], poll: "roadCameraState", transport: transport);
    }

    public string Name => "modeld";
    public Schedule Schedule { get; } = new Schedule.Polled("roadCameraState");
    public SubMaster Inputs { get; }
    /// <summary>modelV2 messages published.</summary>
    public long Runs { get; private set; }

    public void Step()
    {
        var camera = Inputs["roadCameraState"];
        if (camera.ReceiveCount == 0) return;
        uint wanted = new Event.Reader(camera.Event).RoadCameraState.FrameId;
        if (!TryTakeFrame(wanted, out var descriptor))
        {
            _runner.Reset();
            return;
        }
        long start = Stopwatch.GetTimestamp();
        _runner.Run();
        float executionTime = (float)Stopwatch.GetElapsedTime(start).TotalSeconds;

        var car = Inputs["carState"];
        float vEgo = car.ReceiveCount > 0 ? new Event.Reader(car.Event).CarState.VEgo : 0;
        _message.Reset();
        var m = new Event.Builder(_message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount)).InitModelV2();
        m.SetFrameId(descriptor.FrameId);
        m.SetFrameIdExtra(_previousFrameId ?? descriptor.FrameId);
        m.SetFrameAge(wanted > descriptor.FrameId ? wanted - descriptor.FrameId : 0);
        m.SetFrameDropPerc(_drops.Add(descriptor.FrameId));
        m.SetTimestampEof(descriptor.TimestampEof);
        m.SetTimestampSof(descriptor.TimestampSof);
        m.SetModelExecutionTime(executionTime);
        _writer.Write(m, _runner.Output, vEgo, (float)_options.Calibration.Height);
        _previousFrameId = descriptor.FrameId;
        _pub.Send("modelV2", _message, valid: InputsHealthy());
        Runs++;
    }

    /// <summary>
    /// Receives frame descriptors up to the one <paramref name="wanted"/> names (older queued ones are passed over), warps
    /// that frame out of shared memory and checks the camera did not overwrite it meanwhile.
    /// </summary>
    private bool TryTakeFrame(uint wanted, out FrameDescriptor descriptor)
    {
        descriptor = default;
        while (_frames.TryReceive(_options.FrameWait, out var frame))
        {
            var d = frame.Descriptor;
            if (d.FrameId < wanted) continue;
            var g = d.Geometry;
            ReadOnlySpan<byte> nv12 = frame.Data[..(g.Width * g.Height * 3 / 2)];
            if (g.Stride != g.Width) nv12 = Repack(frame.Data, g);
            _runner.Warp(nv12, g.Width, g.Height);
            if (!frame.IsIntact) return false;   // overwritten while read: the pixels may mix two frames
            descriptor = d;
            return true;
        }
        return false;
    }

    private ReadOnlySpan<byte> Repack(ReadOnlySpan<byte> data, FrameGeometry g)
    {
        int size = g.Width * g.Height * 3 / 2;
        if (_packed.Length != size) _packed = new byte[size];
        for (int row = 0; row < g.Height * 3 / 2; row++)
            data.Slice(row * g.Stride, g.Width).CopyTo(_packed.AsSpan(row * g.Width, g.Width));
        return _packed;
    }

    /// <summary>
    /// Every input alive, in its frequency band and valid: SubMaster.AllOk's verdict without its list of reasons, which
    /// would allocate on every frame.
    /// </summary>
    private bool InputsHealthy()
    {
        var states = Inputs.States;
        for (int i = 0; i < states.Count; i++)
            if (!(states[i].Alive && states[i].FrequencyOk && states[i].Valid)) return false;
        return true;
    }

    public void Dispose()
    {
        Inputs.Dispose();
        _pub.Dispose();
        _frames.Dispose();
        _backend.Dispose();
    }
}
