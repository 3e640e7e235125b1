using Pilot.Vision.Models;
using Pilot.Vision.Tensors;

namespace Pilot.Vision.Zoo.Layers;

/// <summary>
/// PyTorch's AdaptiveAvgPool2d: [N, C, H, W] -> [N, C, OH, OW], output cell (i, j) the mean of rows
/// floor(i H / OH) .. ceil((i + 1) H / OH) - 1 and the matching columns. It lets torchvision's AlexNet, VGG and the
/// GoogLeNet auxiliary heads keep their classifier sizes at any input size (at 224 it is the identity or a plain pool).
/// </summary>
public sealed class AdaptiveAvgPool2d(int outHeight, int outWidth) : Layer
{
    private int _planes, _h, _w;

    public int OutHeight { get; } = outHeight;
    public int OutWidth { get; } = outWidth;
    public override string Kind => "AdaptiveAvgPool2d";

    protected override int[] OnBuild(IReadOnlyList<int[]> inputs, BuildContext ctx)
    {
        ExpectInputs(inputs, 1, 4, Name);
        Expect(OutHeight > 0 && OutWidth > 0, Name, $"output {OutHeight}x{OutWidth} must be positive");
        var s = inputs[0];
        _planes = s[0] * s[1]; _h = s[2]; _w = s[3];
        return [s[0], s[1], OutHeight, OutWidth];
    }

    private static (int Start, int End) Range(int i, int size, int outSize) => (i * size / outSize, ((i + 1) * size + outSize - 1) / outSize);

    public override void Forward(Tensor[] inputs, Tensor output)
    {
        var x = inputs[0].Span; var y = output.Span;
        for (int p = 0; p < _planes; p++)
            for (int i = 0; i < OutHeight; i++)
            {
                var (h0, h1) = Range(i, _h, OutHeight);
                for (int j = 0; j < OutWidth; j++)
                {
                    var (w0, w1) = Range(j, _w, OutWidth);
                    float sum = 0;
                    for (int h = h0; h < h1; h++) for (int w = w0; w < w1; w++) sum += x[(p * _h + h) * _w + w];
                    y[(p * OutHeight + i) * OutWidth + j] = sum / ((h1 - h0) * (w1 - w0));
                }
            }
    }

    public override void Backward(Tensor[] inputs, Tensor output, Tensor dOutput, Tensor?[] dInputs)
    {
        if (dInputs[0] is not { } dxT) return;
        var dy = dOutput.Span; var dx = dxT.Span;
        dx.Clear();
        for (int p = 0; p < _planes; p++)
            for (int i = 0; i < OutHeight; i++)
            {
                var (h0, h1) = Range(i, _h, OutHeight);
                for (int j = 0; j < OutWidth; j++)
                {
                    var (w0, w1) = Range(j, _w, OutWidth);
                    float g = dy[(p * OutHeight + i) * OutWidth + j] / ((h1 - h0) * (w1 - w0));
                    for (int h = h0; h < h1; h++) for (int w = w0; w < w1; w++) dx[(p * _h + h) * _w + w] += g;
                }
            }
    }
}
