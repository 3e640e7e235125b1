using Pilot.Vision.Backends;
using Pilot.Vision.Camera.Geometry;
using Pilot.Vision.Models;
using Pilot.Vision.Scenes;

namespace Pilot.Vision.Driving;

/// <summary>
/// What modeld does per camera frame: warp the NV12 frame into the model view, stack it with the previous one, run the
/// network and decode its outputs. Built once per camera and calibration; allocation-free per frame after that.
/// </summary>
public sealed class DrivingPipeline
{
    private readonly Model _model;
    private readonly InferencePlan _plan;                     // the network with batch norms folded and activations fused
    private readonly WarpMap _warp;
    private readonly byte[] _view;                            // NV12 of the model view
    private readonly byte[] _input = new byte[ModelInput.Size]; // [12, 128, 256]: previous frame, then this one
    private bool _primed;

    public DrivingPipeline(PinholeCamera camera, RoadCalibration calibration, string weights, IBackend backend)
    {
        _model = DrivingNet.Create(batch: 1);
        _model.Build(backend);
        ModelCheckpoint.Load(_model, weights);
        _plan = InferencePlan.Compile(_model);
        var view = ModelView.Default;
        _warp = WarpMap.Create(camera, calibration, view);
        _view = new byte[view.Width * view.Height * 3 / 2];
    }

    /// <summary>Runs the model on a new camera frame (NV12 at the camera's size). The first frame is paired with itself.</summary>
    public DrivingPrediction Run(ReadOnlySpan<byte> nv12)
    {
        _warp.WarpNv12(nv12, _view);
        // Shift: the newer frame of the last call becomes the older one.
        const int half = ModelInput.Size / 2;
        if (_primed) _input.AsSpan(half).CopyTo(_input);
        ModelInput.PackNv12(_view, _input, 1);
        if (!_primed) { _input.AsSpan(half).CopyTo(_input); _primed = true; }
        var x = _model.Input.Span;
        for (int i = 0; i < _input.Length; i++) x[i] = _input[i];
        _plan.Run();
        return DrivingPrediction.Decode(_model.Output.Span);
    }
}
