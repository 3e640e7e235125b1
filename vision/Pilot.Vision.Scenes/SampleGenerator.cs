using Pilot.Vision.Camera.Geometry;

namespace Pilot.Vision.Scenes;

/// <summary>
/// Training samples on demand: for (seed, index), a random scene, its two model-view frames 50 ms apart (the model
/// runs at 20 Hz on consecutive frames) packed as the network input, and the labels of the newer frame.
/// Deterministic; one generator per thread (it owns its render buffers).
/// </summary>
public sealed class SampleGenerator
{
    /// <summary>Time between the two frames of a sample, s.</summary>
    public const double FrameInterval = 0.05;

    private readonly SceneRenderer _renderer = new(RayTable.ForModel(ModelView.Default));
    private readonly byte[] _frame = new byte[ModelInput.FrameWidth * ModelInput.FrameHeight * 3 / 2];

    /// <summary>Fills <paramref name="input"/> ([12, 128, 256] bytes) and returns the scene and labels of sample
    /// <paramref name="index"/>.</summary>
    public (RoadScene Scene, SceneLabels Labels) Generate(ulong seed, long index, Span<byte> input)
    {
        var older = SceneSampler.Sample(seed, index);
        var newer = older.Advance(FrameInterval);
        _renderer.RenderI420(older, _frame);
        ModelInput.PackI420(_frame, input, 0);
        _renderer.RenderI420(newer with { Look = newer.Look with { NoiseSeed = newer.Look.NoiseSeed + 1 } }, _frame);
        ModelInput.PackI420(_frame, input, 1);
        return (newer, SceneLabels.From(newer));
    }
}
