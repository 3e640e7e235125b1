namespace Pilot.Vision.Init;

/// <summary>Every value = <paramref name="Value"/> (biases, batch-norm gamma/beta).</summary>
public sealed record Constant(float Value) : IInitializer
{
    public void Fill(Span<float> values, int[] shape, int fanIn, int fanOut, Random random) => values.Fill(Value);
}

/// <summary>N(mean, std^2).</summary>
public sealed record Normal(float Mean, float Std) : IInitializer
{
    public void Fill(Span<float> values, int[] shape, int fanIn, int fanOut, Random random) => Gaussian.Fill(values, Mean, Std, random);
}

/// <summary>N(mean, std^2) with samples beyond 2 std redrawn (TensorFlow's truncated_normal).</summary>
public sealed record TruncatedNormal(float Mean, float Std) : IInitializer
{
    public void Fill(Span<float> values, int[] shape, int fanIn, int fanOut, Random random)
    {
        Span<float> one = stackalloc float[1];
        for (int i = 0; i < values.Length; i++)
        {
            do Gaussian.Fill(one, 0, 1, random); while (MathF.Abs(one[0]) > 2);
            values[i] = Mean + Std * one[0];
        }
    }
}

/// <summary>U(low, high).</summary>
public sealed record Uniform(float Low, float High) : IInitializer
{
    public void Fill(Span<float> values, int[] shape, int fanIn, int fanOut, Random random)
    {
        for (int i = 0; i < values.Length; i++) values[i] = (float)(Low + (High - Low) * random.NextDouble());
    }
}

/// <summary>Which fan a variance-scaling initialiser divides by.</summary>
public enum FanMode { FanIn, FanOut, FanAverage }

/// <summary>
/// Variance scaling (Keras VarianceScaling): variance = scale / fan. Glorot/Xavier: scale 1 over the fan average
/// (Glorot and Bengio 2010); He/Kaiming: scale 2 over fan-in (He et al. 2015, for ReLU); LeCun: scale 1 over fan-in
/// (LeCun et al. 1998, used with SELU). Uniform draws from +-sqrt(3 * variance), normal from N(0, variance).
/// </summary>
public sealed record VarianceScaling(double Scale, FanMode Mode, bool UniformDistribution) : IInitializer
{
    public static VarianceScaling GlorotUniform => new(1, FanMode.FanAverage, true);
    public static VarianceScaling GlorotNormal => new(1, FanMode.FanAverage, false);
    public static VarianceScaling HeUniform => new(2, FanMode.FanIn, true);
    public static VarianceScaling HeNormal => new(2, FanMode.FanIn, false);
    public static VarianceScaling LeCunUniform => new(1, FanMode.FanIn, true);
    public static VarianceScaling LeCunNormal => new(1, FanMode.FanIn, false);

    public double Variance(int fanIn, int fanOut) => Scale / Mode switch
    {
        FanMode.FanIn => fanIn,
        FanMode.FanOut => fanOut,
        _ => (fanIn + fanOut) / 2.0,
    };

    public void Fill(Span<float> values, int[] shape, int fanIn, int fanOut, Random random)
    {
        if (fanIn <= 0 || fanOut <= 0) throw new ArgumentException($"variance scaling needs positive fans, got in {fanIn}, out {fanOut}");
        double variance = Variance(fanIn, fanOut);
        if (!UniformDistribution) { Gaussian.Fill(values, 0, Math.Sqrt(variance), random); return; }
        double limit = Math.Sqrt(3 * variance);
        for (int i = 0; i < values.Length; i++) values[i] = (float)((2 * random.NextDouble() - 1) * limit);
    }
}

/// <summary>
/// A (semi-)orthogonal matrix of shape [shape[0], rest] times <paramref name="Gain"/> (Saxe et al. 2014): Gaussian
/// samples orthonormalised by modified Gram-Schmidt in double precision along the shorter side.
/// </summary>
public sealed record Orthogonal(float Gain = 1) : IInitializer
{
    public void Fill(Span<float> values, int[] shape, int fanIn, int fanOut, Random random)
    {
        int rows = shape[0], cols = values.Length / rows;
        bool transpose = rows > cols;          // orthonormalise the shorter side's vectors
        int count = transpose ? cols : rows, dim = transpose ? rows : cols;
        var q = new double[count * dim];
        var sample = new float[count * dim];
        Gaussian.Fill(sample, 0, 1, random);
        for (int i = 0; i < q.Length; i++) q[i] = sample[i];
        for (int i = 0; i < count; i++)
        {
            var vi = q.AsSpan(i * dim, dim);
            for (int j = 0; j < i; j++)
            {
                var vj = q.AsSpan(j * dim, dim);
                double dot = 0;
                for (int k = 0; k < dim; k++) dot += vi[k] * vj[k];
                for (int k = 0; k < dim; k++) vi[k] -= dot * vj[k];
            }
            double norm = 0;
            for (int k = 0; k < dim; k++) norm += vi[k] * vi[k];
            norm = Math.Sqrt(norm);
            for (int k = 0; k < dim; k++) vi[k] /= norm;
        }
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                values[r * cols + c] = (float)(Gain * (transpose ? q[c * dim + r] : q[r * dim + c]));
    }
}
