using Pilot.Capnp;
using Pilot.Messaging;
using Pilot.Messaging.Events;
using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Camera.Geometry;
using Pilot.Vision.Driving;
using Pilot.Vision.Models;
using Pilot.Vision.Scenes;

namespace Pilot.Modeld.Tests;

/// <summary>
/// A driving network with seeded random weights saved as a checkpoint (tests never depend on a trained model), frames
/// rendered from a known scene by the model view's own camera, and the bus messages modeld reads.
/// </summary>
internal static class ModelFixture
{
    public static readonly Lazy<string> Weights = new(SaveRandomWeights);

    public static PinholeCamera Camera => ModelView.Default.Camera;

    public static readonly RoadScene Scene = SceneSampler.Sample(seed: 11, index: 3);

    /// <summary>Frame <paramref name="k"/> of the scene driven on at 20 Hz, NV12 of the model view's size.</summary>
    public static byte[] Frame(int k)
    {
        var frame = new byte[Camera.Width * Camera.Height * 3 / 2];
        new SceneRenderer(new RayTable(Camera, RoadCalibration.Level())).RenderNv12(Scene.Advance(k * 0.05), frame);
        return frame;
    }

    public static Bus Bus() => new(Transport.Inproc, Prefix: "modeld-test-" + Guid.NewGuid().ToString("N")[..12]);

    public static byte[] RoadCameraState(uint frameId, long nowNs)
    {
        var m = new MessageBuilder();
        var ev = new Event.Builder(m.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
        ev.SetLogMonoTime((ulong)nowNs);
        ev.SetValid(true);
        var s = ev.InitRoadCameraState();
        s.SetFrameId(frameId);
        s.SetTimestampEof((ulong)nowNs);
        return m.ToFramedArray();
    }

    public static byte[] CarState(float vEgo, long nowNs)
    {
        var m = new MessageBuilder();
        var ev = new Event.Builder(m.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
        ev.SetLogMonoTime((ulong)nowNs);
        ev.SetValid(true);
        ev.InitCarState().SetVEgo(vEgo);
        return m.ToFramedArray();
    }

    private static string SaveRandomWeights()
    {
        using var backend = new CpuBackend();
        var model = DrivingNet.Create(batch: 1);
        model.Build(backend, seed: 7);
        string path = Path.Combine(Directory.CreateTempSubdirectory("modeld").FullName, "random.ckpt");
        ModelCheckpoint.Capture(model).Save(path);
        return path;
    }
}
