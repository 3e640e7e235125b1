using Pilot.Vision.Models;

namespace Pilot.Vision.Optimizers;

/// <summary>
/// Base of every optimiser: owns per-parameter state allocated once (one float block per optimiser), applies
/// L1/L2 regularisation to the gradients of decaying parameters, then the rule of the subclass. Frozen parameters
/// are skipped. <see cref="Step"/> counts updates (t, for bias correction and schedules).
/// </summary>
public abstract class Optimizer
{
    private readonly float[] _state;        // [slots * total parameter floats]
    private readonly int[] _offsets;        // [parameters] start of each parameter inside one slot
    private readonly int _slotFloats;

    protected Optimizer(IReadOnlyList<Parameter> parameters, float learningRate, int stateSlots)
    {
        if (learningRate < 0 || !float.IsFinite(learningRate)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "learning rate must be finite and non-negative");
        Parameters = parameters;
        LearningRate = learningRate;
        _offsets = new int[parameters.Count];
        int total = 0;
        for (int i = 0; i < parameters.Count; i++) { _offsets[i] = total; total += parameters[i].Value.Length; }
        _slotFloats = total;
        _state = new float[stateSlots * total];
    }

    public IReadOnlyList<Parameter> Parameters { get; }
    public float LearningRate { get; set; }
    public int Steps { get; private set; }

    /// <summary>L2 coefficient lambda: gradient += lambda * w (PyTorch weight_decay; the loss term lambda/2 ||w||^2).</summary>
    public float L2 { get; init; }

    /// <summary>L1 coefficient lambda: gradient += lambda * sign(w) (the loss term lambda ||w||_1).</summary>
    public float L1 { get; init; }

    /// <summary>Applies one update to every trainable parameter from its current gradient.</summary>
    public void Step()
    {
        Steps++;
        for (int i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            if (!p.Trainable) continue;
            var w = p.Value.Span;
            var g = p.Grad.Span;
            if (p.Decays && (L1 != 0 || L2 != 0))
                for (int j = 0; j < w.Length; j++) g[j] += L2 * w[j] + L1 * MathF.Sign(w[j]);
            Update(p, w, g, i);
        }
    }

    /// <summary>The rule: updates w in place from g; <see cref="State"/> gives the parameter's persistent slots.</summary>
    protected abstract void Update(Parameter p, Span<float> w, ReadOnlySpan<float> g, int index);

    /// <summary>State slot <paramref name="slot"/> (e.g. momentum, second moment) of parameter <paramref name="index"/>, zero at start.</summary>
    protected Span<float> State(int index, int slot) => _state.AsSpan(slot * _slotFloats + _offsets[index], Parameters[index].Value.Length);
}
