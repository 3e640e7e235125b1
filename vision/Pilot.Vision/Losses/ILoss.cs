using Pilot.Vision.Tensors;

namespace Pilot.Vision.Losses;

/// <summary>
/// A loss over a batch: returns the mean loss and OVERWRITES <c>gradient</c> (same shape as the prediction) with
/// d mean-loss / d prediction, ready for <see cref="Models.Model.Backward"/>.
/// </summary>
public interface ILoss
{
    float Compute(Tensor prediction, ReadOnlySpan<float> target, Tensor gradient);
}
