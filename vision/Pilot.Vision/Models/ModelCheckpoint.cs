using Pilot.Vision.Data.Checkpoints;

namespace Pilot.Vision.Models;

/// <summary>Saving and restoring a built model's parameters and buffers (running statistics) through the checkpoint format.</summary>
public static class ModelCheckpoint
{
    /// <summary>The tensors a checkpoint of <paramref name="model"/> must hold, by name and shape.</summary>
    public static IEnumerable<TensorSpec> Specs(Model model) =>
        model.Parameters.Select(p => new TensorSpec(p.Name, p.Value.Shape)).Concat(model.Buffers.Select(b => new TensorSpec(b.Name, b.Shape)));

    /// <summary>A copy of every parameter and buffer, with <paramref name="metadata"/>.</summary>
    public static Checkpoint Capture(Model model, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var c = new Checkpoint();
        foreach (var p in model.Parameters) c.Add(p.Name, p.Value.Shape, p.Value.ToArray());
        foreach (var b in model.Buffers) c.Add(b.Name, b.Shape, b.ToArray());
        if (metadata is not null) foreach (var (k, v) in metadata) c.Metadata[k] = v;
        return c;
    }

    /// <summary>Copies a checkpoint into the model; a missing, extra or differently shaped tensor is an error naming it.</summary>
    public static void Restore(Model model, Checkpoint checkpoint)
    {
        checkpoint.Verify(Specs(model));
        foreach (var p in model.Parameters) checkpoint.CopyTo(p.Name, p.Value.Shape, p.Value.Span);
        foreach (var b in model.Buffers) checkpoint.CopyTo(b.Name, b.Shape, b.Span);
    }

    public static void Load(Model model, string path) => Restore(model, Checkpoint.Load(path, Specs(model)));
}
