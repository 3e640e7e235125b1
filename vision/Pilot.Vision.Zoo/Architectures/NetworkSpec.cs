using Pilot.Vision.Backends;
using Pilot.Vision.Models;

namespace Pilot.Vision.Zoo.Architectures;

/// <summary>
/// An architecture as a graph of <see cref="SpecNode"/>s with every shape and count known before any tensor exists:
/// parameter counts of 138-million-parameter networks are read without allocating, and <see cref="ToModel"/> turns
/// it into an engine model for a batch size.
/// </summary>
public sealed class NetworkSpec
{
    internal NetworkSpec(string name, IReadOnlyList<SpecNode> nodes, int classifierOutputs, IReadOnlyList<HeadSpec> heads)
    {
        Name = name; Nodes = nodes; ClassifierOutputs = classifierOutputs; Heads = heads;
    }

    public string Name { get; }
    public IReadOnlyList<SpecNode> Nodes { get; }          // topological order, [0] the input, [^1] the output
    public SpecNode Input => Nodes[0];
    public SpecNode Output => Nodes[^1];
    public long ParameterCount => Nodes.Sum(n => n.Parameters);
    public long MultiplyAdds => Nodes.Sum(n => n.MultiplyAdds);

    /// <summary>Width of the main classifier (0 without a top).</summary>
    public int ClassifierOutputs { get; }

    /// <summary>
    /// Where the output holds several classifier heads side by side (GoogLeNet's auxiliary classifiers): their offsets,
    /// widths and loss weights. Empty for a single head.
    /// </summary>
    public IReadOnlyList<HeadSpec> Heads { get; }

    /// <summary>The engine model: one layer per node, same names, unbuilt.</summary>
    public Model ToModel(int batch)
    {
        var model = new Model(batch, Input.Shape);
        var map = new Node[Nodes.Count];
        map[0] = model.InputNode;
        for (int i = 1; i < Nodes.Count; i++)
        {
            var spec = Nodes[i];
            var layer = spec.Create!();
            layer.Name = spec.Name;
            map[i] = model.Add(layer, spec.Inputs.Select(x => map[x.Index]).ToArray());
        }
        return model;
    }

    /// <summary>Builds <see cref="ToModel"/> on <paramref name="backend"/> with <paramref name="seed"/>.</summary>
    public Model Build(int batch, IBackend backend, int seed = 0)
    {
        var model = ToModel(batch);
        model.Build(backend, seed);
        return model;
    }
}

/// <summary>One classifier head inside a combined output: columns [Offset, Offset + Width) weighted by <see cref="Weight"/> in the loss.</summary>
public readonly record struct HeadSpec(string Name, int Offset, int Width, float Weight);
