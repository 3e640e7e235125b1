using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Models;
using Pilot.Vision.Zoo.Layers;

namespace Pilot.Vision.Zoo.Tests;

public class LayerTests
{
    [Fact]
    public void Relu6VectorPathMatchesTheReference()
    {
        var r = new Random(4);
        var x = new float[1000 + 3];   // a tail that is not a whole vector
        for (int i = 0; i < x.Length; i++) x[i] = (float)(r.NextDouble() * 16 - 5);
        var fast = new float[x.Length]; var plain = new float[x.Length];
        Relu6.Clamp(x, fast);
        Relu6.ClampReference(x, plain);
        Assert.Equal(plain, fast);
        Assert.Contains(fast, v => v == 6f);
        Assert.Contains(fast, v => v == 0f);
    }

    [Fact]
    public void AdaptiveAveragePoolingMatchesPyTorchWindows()
    {
        // 5 -> 3: rows/cols [0,2), [1,4), [3,5) (floor(i*5/3) .. ceil((i+1)*5/3))
        var m = new Model(1, 1, 5, 5);
        m.Add(new AdaptiveAvgPool2d(3, 3));
        m.Build(new ReferenceBackend());
        for (int i = 0; i < 25; i++) m.Input.Span[i] = i;
        m.Forward();
        float Mean(int r0, int r1, int c0, int c1)
        {
            float s = 0;
            for (int r = r0; r < r1; r++) for (int c = c0; c < c1; c++) s += r * 5 + c;
            return s / ((r1 - r0) * (c1 - c0));
        }
        Assert.Equal(Mean(0, 2, 0, 2), m.Output.Span[0], 5);
        Assert.Equal(Mean(1, 4, 1, 4), m.Output.Span[4], 5);
        Assert.Equal(Mean(3, 5, 1, 4), m.Output.Span[7], 5);
    }
}
