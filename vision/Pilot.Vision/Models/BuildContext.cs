using Pilot.Vision.Backends;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Models;

/// <summary>What a layer gets while it is built: the backend, the pools to request its tensors from, and a seeded RNG.</summary>
public sealed class BuildContext(IBackend backend, int seed)
{
    public IBackend Backend { get; } = backend;
    public TensorPool Activations { get; } = new("activations");   // outputs, gradients of outputs, saved state, scratch
    public TensorPool Parameters { get; } = new("parameters");
    public TensorPool Gradients { get; } = new("gradients");       // mirrors Parameters tensor for tensor
    public TensorPool Buffers { get; } = new("buffers");           // non-trainable state kept in checkpoints (running stats)
    public Random Random { get; } = new(seed);

    /// <summary>A fresh deterministic RNG for a layer's own sampling (dropout masks), drawn from the model seed.</summary>
    public Random NewLayerRandom() => new(Random.Next());

    internal void AllocateAll()
    {
        Parameters.Allocate(); Gradients.Allocate(); Buffers.Allocate(); Activations.Allocate();
    }
}
