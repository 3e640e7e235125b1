using Pilot.Vision.Init;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Models;

/// <summary>
/// A trainable tensor and its gradient (same shape, laid out in a gradient pool that mirrors the parameter pool).
/// <see cref="Decays"/> marks weights that L1/L2 regularisation and decoupled weight decay apply to (not biases or norms).
/// </summary>
public sealed class Parameter
{
    internal Parameter(Layer owner, string name, Tensor value, Tensor grad, IInitializer init, int fanIn, int fanOut, bool decays)
    {
        Owner = owner; Name = name; Value = value; Grad = grad; Initializer = init; FanIn = fanIn; FanOut = fanOut; Decays = decays;
    }

    public Layer Owner { get; }
    public string Name { get; }      // "<layer>.<weight|bias|gamma|beta>"
    public Tensor Value { get; }
    public Tensor Grad { get; }      // overwritten by every backward pass
    public IInitializer Initializer { get; }
    public int FanIn { get; }
    public int FanOut { get; }
    public bool Decays { get; }

    /// <summary>False while the owning layer is frozen: optimisers skip it and backward leaves its gradient alone.</summary>
    public bool Trainable => !Owner.Frozen;
}
