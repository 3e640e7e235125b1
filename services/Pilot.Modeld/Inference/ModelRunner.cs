using Pilot.Vision.Backends;
using Pilot.Vision.Camera.Geometry;
using Pilot.Vision.Models;
using Pilot.Vision.Scenes;

namespace Pilot.Modeld.Inference;

/// <summary>
/// The driving network on camera frames: warp each NV12 frame into the model view with the calibration, stack it after
/// the previous one (two YUV frames, [12, 128, 256]), run the network. Everything is allocated when the first frame of
/// a size arrives; after that a frame allocates nothing. The raw output (<see cref="Output"/>) is read in place;
/// DrivingPipeline's decoded prediction would allocate per frame.
/// </summary>
public sealed class ModelRunner
{
    private readonly Model _model;
    private readonly InferencePlan _plan;   // the network with batch norms folded and activations fused
    private readonly Func<int, int, PinholeCamera> _camera;
    private readonly RoadCalibration _calibration;
    private readonly byte[] _view = new byte[ModelView.Default.Width * ModelView.Default.Height * 3 / 2];   // NV12 of the model view
    private readonly byte[] _input = new byte[ModelInput.Size];   // [12, 128, 256]: previous frame, then this one
    private WarpMap? _warp;
    private bool _primed;

    /// <param name="model">a built driving network (<see cref="Vision.Driving.DrivingNet"/>, batch 1) with its weights
    /// (compiled here: later changes to its weights are not seen)</param>
    /// <param name="camera">the camera's intrinsics for a frame of (width, height)</param>
    /// <param name="calibration">how the camera sits on the car</param>
    public ModelRunner(Model model, Func<int, int, PinholeCamera> camera, RoadCalibration calibration)
    {
        if (model.Batch != 1) throw new ArgumentException($"modeld runs one frame at a time; the network was built for batch {model.Batch}");
        _model = model;
        _plan = InferencePlan.Compile(model);
        _camera = camera;
        _calibration = calibration;
    }

    /// <summary>The network's raw outputs for the last frame (<see cref="Vision.Driving.DrivingOutputs"/> layout, y RIGHT).</summary>
    public ReadOnlySpan<float> Output => _model.Output.Span;

    /// <summary>Warps <paramref name="nv12"/> (tightly packed, width × height × 1.5 bytes) into the model view and stacks it.</summary>
    public void Warp(ReadOnlySpan<byte> nv12, int width, int height)
    {
        if (_warp is null || _warp.SourceWidth != width || _warp.SourceHeight != height)
        {
            _warp = WarpMap.Create(_camera(width, height), _calibration, ModelView.Default);
            _primed = false;   // a new camera: the previous frame no longer pairs with this one
        }
        _warp.WarpNv12(nv12, _view);
        const int half = ModelInput.Size / 2;
        if (_primed) _input.AsSpan(half).CopyTo(_input);   // the newer frame of the last call becomes the older one
        ModelInput.PackNv12(_view, _input, 1);
        if (!_primed) { _input.AsSpan(half).CopyTo(_input); _primed = true; }   // the first frame pairs with itself
    }

    /// <summary>Runs the network on the stacked pair.</summary>
    public void Run()
    {
        var x = _model.Input.Span;
        for (int i = 0; i < _input.Length; i++) x[i] = _input[i];
        _plan.Run();
    }

    /// <summary>The stacked input of the last <see cref="Warp"/>, [12, 128, 256] bytes.</summary>
    public ReadOnlySpan<byte> Input => _input;

    /// <summary>Forgets the previous frame (after a lost frame the next one pairs with itself).</summary>
    public void Reset() => _primed = false;
}
