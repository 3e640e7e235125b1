using Pilot.Vision.Losses;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Tests;

/// <summary>Every loss: hand-computed values and a finite-difference check of its gradient.</summary>
public class LossTests
{
    private static void GradientCheck(ILoss loss, float[] prediction, float[] target, int[] shape, float eps = 1e-3f)
    {
        var p = Tensor.FromArray("p", prediction, shape);
        var g = Tensor.Create("g", shape);
        var scratch = Tensor.Create("s", shape);
        loss.Compute(p, target, g);
        var analytic = g.ToArray();
        for (int i = 0; i < prediction.Length; i++)
        {
            float keep = p.Span[i];
            p.Span[i] = keep + eps; double up = loss.Compute(p, target, scratch);
            p.Span[i] = keep - eps; double down = loss.Compute(p, target, scratch);
            p.Span[i] = keep;
            double numeric = (up - down) / (2 * eps);
            Assert.True(Math.Abs(numeric - analytic[i]) <= 2e-3 + 2e-2 * Math.Abs(numeric), $"{loss.GetType().Name}[{i}]: analytic {analytic[i]}, numeric {numeric}");
        }
    }

    private static float Value(ILoss loss, float[] prediction, float[] target, params int[] shape) =>
        loss.Compute(Tensor.FromArray("p", prediction, shape), target, Tensor.Create("g", shape));

    [Fact]
    public void Cross_entropy_of_uniform_logits_is_log_k_and_gradient_is_p_minus_onehot()
    {
        var p = Tensor.FromArray("p", [0, 0, 0, 0], 1, 4);
        var g = Tensor.Create("g", 1, 4);
        float loss = new SoftmaxCrossEntropy().Compute(p, [2], g);
        Assert.Equal(MathF.Log(4), loss, 6);
        Assert.Equal(new[] { 0.25f, 0.25f, -0.75f, 0.25f }, g.ToArray());
    }

    [Fact]
    public void Label_smoothing_mixes_in_the_uniform_distribution()
    {
        // logits [0, ln 3]: p = [0.25, 0.75]; target class 1, smoothing 0.2 -> q = [0.1, 0.9]
        float loss = Value(new SoftmaxCrossEntropy(labelSmoothing: 0.2f), [0, MathF.Log(3)], [1], 1, 2);
        Assert.Equal(-(0.1 * Math.Log(0.25) + 0.9 * Math.Log(0.75)), loss, 5);
    }

    [Fact]
    public void One_hot_and_sparse_targets_agree()
    {
        float[] logits = [0.3f, -1, 2, 0.5f, 0.1f, -0.2f];
        float sparse = Value(new SoftmaxCrossEntropy(sparse: true), logits, [2, 0], 2, 3);
        float dense = Value(new SoftmaxCrossEntropy(sparse: false), logits, [0, 0, 1, 1, 0, 0], 2, 3);
        Assert.Equal(sparse, dense, 6);
    }

    [Fact]
    public void Bad_labels_are_rejected_with_the_sample()
    {
        var ex = Assert.Throws<ArgumentException>(() => Value(new SoftmaxCrossEntropy(), [0, 0, 0, 0], [1, 7], 2, 2));
        Assert.Contains("sample 1", ex.Message);
    }

    [Fact]
    public void Binary_cross_entropy_hand_values()
    {
        Assert.Equal(MathF.Log(2), Value(new BinaryCrossEntropy(), [0], [1], 1, 1), 6);              // sigmoid(0) = 0.5
        Assert.Equal(-MathF.Log(0.8f), Value(new BinaryCrossEntropy(fromLogits: false), [0.8f], [1], 1, 1), 6);
        Assert.True(float.IsFinite(Value(new BinaryCrossEntropy(), [500], [0], 1, 1)));               // no overflow
    }

    [Fact]
    public void Regression_losses_hand_values()
    {
        Assert.Equal((1f + 9f) / 2, Value(new MeanSquaredError(), [1, 3], [0, 0], 1, 2), 6);
        Assert.Equal((0.5f * 0.25f + (3 - 0.5f)) / 2, Value(new Huber(1), [0.5f, 3], [0, 0], 1, 2), 6);
        // Laplace: mu 1, log b 0 (b = 1), y 3: 0 + ln 2 + 2
        Assert.Equal(MathF.Log(2) + 2, Value(new LaplaceNll(), [1, 0], [3], 1, 2), 6);
    }

    public static TheoryData<string> Losses => ["ce-sparse", "ce-onehot-smoothed", "bce-logits", "bce-probabilities", "mse", "huber", "laplace"];

    [Theory, MemberData(nameof(Losses))]
    public void Loss_gradients_match_finite_differences(string name)
    {
        var logits = new float[] { 0.3f, -1.2f, 2, 0.5f, 0.1f, -0.7f, 1.1f, 0.9f };
        switch (name)
        {
            case "ce-sparse": GradientCheck(new SoftmaxCrossEntropy(), logits, [3, 1], [2, 4]); break;
            case "ce-onehot-smoothed": GradientCheck(new SoftmaxCrossEntropy(false, 0.1f), logits, [0, 0, 0.5f, 0.5f, 1, 0, 0, 0], [2, 4]); break;
            case "bce-logits": GradientCheck(new BinaryCrossEntropy(), logits, [1, 0, 1, 0, 0.3f, 1, 0, 1], [2, 4]); break;
            case "bce-probabilities": GradientCheck(new BinaryCrossEntropy(false), [0.2f, 0.7f, 0.9f, 0.4f], [1, 0, 1, 0], [2, 2]); break;
            case "mse": GradientCheck(new MeanSquaredError(), logits, [0, 0, 1, 1, 2, 2, 3, 3], [2, 4]); break;
            case "huber": GradientCheck(new Huber(0.5f), logits, [0, 0, 1, 1, 2, 2, 3, 3], [2, 4]); break;
            case "laplace": GradientCheck(new LaplaceNll(), logits, [1, 0, -1, 2], [2, 4]); break;
        }
    }
}
