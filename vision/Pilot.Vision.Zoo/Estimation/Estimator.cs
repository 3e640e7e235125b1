using System.Globalization;
using System.Text;
using Pilot.Vision.Zoo.Architectures;

namespace Pilot.Vision.Zoo.Estimation;

/// <summary>
/// One layer's cost for a batch: parameters, multiply-adds (convolutions and dense layers by their GEMM sizes,
/// batch norm and channel scaling one per element, everything else 0), and the activation memory the engine
/// holds for it: inference keeps the output; training keeps the output, its gradient and what the layer saves for
/// backward (im2col columns of a non-depthwise convolution, batch norm's normalised input, dropout masks).
/// </summary>
public sealed record LayerEstimate(string Name, string Kind, int[] Shape, long Parameters, long MultiplyAdds, long InferenceBytes, long TrainingBytes);

/// <summary>Totals for a batch. Training memory adds parameters, their gradients and the optimiser's per-parameter state.</summary>
public sealed record NetworkEstimate(string Name, int Batch, IReadOnlyList<LayerEstimate> Layers, int OptimizerSlots)
{
    public long Parameters => Layers.Sum(l => l.Parameters);
    public long MultiplyAdds => Layers.Sum(l => l.MultiplyAdds);
    public long ParameterBytes => Parameters * sizeof(float);
    /// <summary>Every activation of one forward pass (the engine allocates them all once; nothing is reused).</summary>
    public long InferenceActivationBytes => Layers.Sum(l => l.InferenceBytes);
    public long TrainingActivationBytes => Layers.Sum(l => l.TrainingBytes);
    /// <summary>Parameters + activations: what inference needs resident.</summary>
    public long InferenceBytes => ParameterBytes + InferenceActivationBytes;
    /// <summary>Parameters, gradients, optimiser slots (Adam: 2) and training activations.</summary>
    public long TrainingBytes => ParameterBytes * (2 + OptimizerSlots) + TrainingActivationBytes;
}

public static class Estimator
{
    public const int AdamSlots = 2;   // first and second moments per parameter

    public static NetworkEstimate Estimate(NetworkSpec spec, int batch = 1, int optimizerSlots = AdamSlots)
    {
        if (batch <= 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "batch size must be positive");
        var layers = spec.Nodes.Select(n => new LayerEstimate(n.Name, n.Kind, n.Shape, n.Parameters, n.MultiplyAdds * batch,
            n.OutputFloats * batch * sizeof(float), (2 * n.OutputFloats + n.SavedFloats) * batch * sizeof(float))).ToArray();
        return new NetworkEstimate(spec.Name, batch, layers, optimizerSlots);
    }

    /// <summary>The layer table with totals (one row per layer, as Keras' summary with the cost columns added).</summary>
    public static string Table(NetworkEstimate e)
    {
        var inv = CultureInfo.InvariantCulture;
        var rows = e.Layers.Select(l => new[]
        {
            l.Name, l.Kind, "[" + string.Join(", ", l.Shape) + "]", l.Parameters.ToString("N0", inv), l.MultiplyAdds.ToString("N0", inv),
            Bytes(l.InferenceBytes), Bytes(l.TrainingBytes),
        }).Prepend(["layer", "kind", "output", "params", "mult-adds", "act. infer", "act. train"]).ToList();
        var widths = Enumerable.Range(0, 7).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var r in rows)
            sb.AppendLine(string.Join("  ", r.Select((v, c) => c >= 3 ? v.PadLeft(widths[c]) : v.PadRight(widths[c]))).TrimEnd());
        sb.AppendLine($"{e.Name}, batch {e.Batch}: {e.Parameters.ToString("N0", inv)} parameters ({Bytes(e.ParameterBytes)}), {(e.MultiplyAdds / 1e9).ToString("F3", inv)} G multiply-adds");
        sb.AppendLine($"inference memory {Bytes(e.InferenceBytes)} (activations {Bytes(e.InferenceActivationBytes)}); training memory {Bytes(e.TrainingBytes)} (activations {Bytes(e.TrainingActivationBytes)}, optimizer slots {e.OptimizerSlots})");
        return sb.ToString();
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("F2", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("F1", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("F1", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}
