using Pilot.Vision.Models;
using Pilot.Vision.Ops;
using Pilot.Vision.Scenes;

namespace Pilot.Vision.Driving;

/// <summary>
/// The driving network: the reference lane network's body (ARCHITECTURE.md: stem 3×3/2 → 32, eight depthwise-separable
/// blocks to 128×4×8, dense 256) with a head sized for <see cref="DrivingOutputs"/>. Input: two consecutive YUV frames
/// of the model view as [12, 128, 256] values 0..255 (<see cref="ModelInput"/>).
/// </summary>
public static class DrivingNet
{
    public static Sequential Create(int batch)
    {
        // Reuse the reference network's layers and swap its 571-wide output for ours.
        var layers = Zoo.LaneNet(batch).Layers.ToList();
        layers[^1] = new Dense(DrivingOutputs.Length);
        return new Sequential(batch, [ModelInput.Channels, ModelInput.Height, ModelInput.Width], [.. layers]);
    }
}
