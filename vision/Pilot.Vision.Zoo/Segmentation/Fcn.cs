using Pilot.Vision.Backends;
using Pilot.Vision.Zoo.Architectures;

namespace Pilot.Vision.Zoo.Segmentation;

/// <summary>
/// Fully convolutional networks (Long, Shelhamer and Darrell 2015) on VGG-16: the classifier becomes convolutions
/// (fc6 7x7 to 4096, fc7 1x1 to 4096, a 1x1 class scorer), and bilinear-initialised transposed convolutions bring
/// the scores back to the input size. FCN-32s upsamples the stride-32 scores at once; FCN-16s first adds 2x
/// upsampled scores to scores from pool4; FCN-8s adds pool3 as well. 'same' padding replaces the paper's padding of
/// 100 and crops, so the input side must be a multiple of 32 and the output is [classes, H, W] exactly.
/// </summary>
public static class Fcn
{
    public const int VocClasses = 21;   // PASCAL VOC: 20 classes + background

    public static NetworkSpec Build(int stride, ArchitectureOptions? options = null)
    {
        if (stride is not (32 or 16 or 8)) throw new ArgumentException($"FCN-{stride}s does not exist; strides are 32, 16, 8");
        var o = options ?? new ArchitectureOptions { Classes = VocClasses };
        int side = o.Side(224);
        if (side % 32 != 0) throw new ArgumentException($"FCN input side {side} must be a multiple of 32");
        var b = new NetBuilder($"fcn{stride}s", o.InputChannels, side, side);
        var x = b.Input;
        SpecNode? pool3 = null, pool4 = null;
        int[][] stages = [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]];
        for (int s = 0; s < stages.Length; s++)
        {
            for (int i = 0; i < stages[s].Length; i++)
                x = b.Relu(b.Conv(x, o.Ch(stages[s][i]), 3, 1, Padding.Explicit(1), name: $"conv{s + 1}_{i + 1}"), $"relu{s + 1}_{i + 1}");
            x = b.MaxPool(x, 2, name: $"pool{s + 1}");
            if (s == 2) pool3 = x;
            if (s == 3) pool4 = x;
        }
        x = b.Dropout(b.Relu(b.Conv(x, o.Ch(4096), 7, 1, Padding.Same, name: "fc6"), "relu6"), 0.5f, "drop6");
        x = b.Dropout(b.Relu(b.Conv(x, o.Ch(4096), 1, name: "fc7"), "relu7"), 0.5f, "drop7");
        int k = o.Classes;
        var score = b.Conv(x, k, 1, name: "score_fr");
        var bilinear = new BilinearInitializer();
        if (stride == 32) return b.Finish(b.ConvTranspose(score, k, 64, 32, 16, bias: false, name: "upscore", init: bilinear), k);
        score = b.Add([b.ConvTranspose(score, k, 4, 2, 1, bias: false, name: "upscore2", init: bilinear), b.Conv(pool4!, k, 1, name: "score_pool4")], "fuse_pool4");
        if (stride == 16) return b.Finish(b.ConvTranspose(score, k, 32, 16, 8, bias: false, name: "upscore16", init: bilinear), k);
        score = b.Add([b.ConvTranspose(score, k, 4, 2, 1, bias: false, name: "upscore_pool4", init: bilinear), b.Conv(pool3!, k, 1, name: "score_pool3")], "fuse_pool3");
        return b.Finish(b.ConvTranspose(score, k, 16, 8, 4, bias: false, name: "upscore8", init: bilinear), k);
    }
}
