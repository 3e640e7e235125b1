using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Models;
using Pilot.Vision.Zoo.Layers;

namespace Pilot.Vision.Zoo.Tests;

public class RectConvTests
{
    // x [2, 3, 5, 6], kernel 1x3 / 3x1 with 'same' padding, 4 output channels
    private static Model Build(int kh, int kw, int stride)
    {
        var m = new Model(2, 3, 5, 6);
        m.Add(new RectConv2d(4, kh, kw, stride, kh / 2, kw / 2));
        m.Build(new CpuBackend(), seed: 3);
        var r = new Random(1);
        var x = m.Input.Span;
        for (int i = 0; i < x.Length; i++) x[i] = (float)(r.NextDouble() * 2 - 1);
        return m;
    }

    /// <summary>The plain definition: y[n,o,i,j] = sum over c, u, v of w[o,c,u,v] x[n,c,i*s+u-ph, j*s+v-pw].</summary>
    private static float[] Reference(Model m, int kh, int kw, int stride)
    {
        var x = m.Input; var w = ((RectConv2d)m.Layers.First()).Weight.Value;
        int oh = m.Output.Dim(2), ow = m.Output.Dim(3);
        var y = new float[m.Output.Length];
        for (int n = 0; n < 2; n++) for (int o = 0; o < 4; o++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++)
        {
            double sum = 0;
            for (int c = 0; c < 3; c++) for (int u = 0; u < kh; u++) for (int v = 0; v < kw; v++)
            {
                int yy = i * stride + u - kh / 2, xx = j * stride + v - kw / 2;
                if (yy >= 0 && yy < 5 && xx >= 0 && xx < 6) sum += w[o, c, u, v] * x[n, c, yy, xx];
            }
            y[((n * 4 + o) * oh + i) * ow + j] = (float)sum;
        }
        return y;
    }

    [Theory]
    [InlineData(1, 3, 1)]
    [InlineData(3, 1, 1)]
    [InlineData(1, 7, 2)]
    public void ForwardMatchesTheDefinition(int kh, int kw, int stride)
    {
        var m = Build(kh, kw, stride);
        m.Forward();
        var expected = Reference(m, kh, kw, stride);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], m.Output.Span[i], 4);
    }

    [Fact]
    public void WeightGradientMatchesFiniteDifferences()
    {
        var m = Build(3, 1, 1);
        var r = new Random(2);
        var probe = new float[m.Output.Length];
        for (int i = 0; i < probe.Length; i++) probe[i] = (float)(r.NextDouble() * 2 - 1);
        double Loss() { m.Forward(); double s = 0; for (int i = 0; i < probe.Length; i++) s += probe[i] * m.Output.Span[i]; return s; }
        Loss();
        probe.CopyTo(m.OutputGrad.Span);
        m.Backward();
        var w = ((RectConv2d)m.Layers.First()).Weight;
        var analytic = w.Grad.ToArray();
        for (int i = 0; i < analytic.Length; i++)
        {
            float keep = w.Value.Span[i];
            w.Value.Span[i] = keep + 1e-2f; double up = Loss();
            w.Value.Span[i] = keep - 1e-2f; double down = Loss();
            w.Value.Span[i] = keep;
            Assert.True(Math.Abs((up - down) / 2e-2 - analytic[i]) < 1e-2, $"dW[{i}]: numeric {(up - down) / 2e-2}, analytic {analytic[i]}");
        }
    }
}
