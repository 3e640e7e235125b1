using Pilot.Vision.Backends;

namespace Pilot.Vision.Zoo.Architectures;

/// <summary>
/// LeNet-5 in its classic form (LeCun et al. 1998): 32x32 input, tanh, 2x2 average pooling, C5 as a 5x5
/// convolution to 120 maps, F6 84, output 10 (the RBF output layer replaced by a dense one, as every re-implementation
/// does): 61,706 parameters. The 28x28 ReLU/max-pool form is the engine's <see cref="Models.Zoo.LeNet5"/>.
/// </summary>
public static class LeNet
{
    public static NetworkSpec Classic(ArchitectureOptions? options = null)
    {
        var o = options ?? new ArchitectureOptions { Classes = 10, InputChannels = 1 };
        int side = o.Side(32);
        var b = new NetBuilder("lenet5-classic", o.InputChannels, side, side);
        var x = b.Tanh(b.Conv(b.Input, o.Ch(6), 5, name: "c1"), "c1.tanh");
        x = b.AvgPool(x, 2, name: "s2");
        x = b.Tanh(b.Conv(x, o.Ch(16), 5, name: "c3"), "c3.tanh");
        x = b.AvgPool(x, 2, name: "s4");
        x = b.Tanh(b.Conv(x, o.Ch(120), 5, name: "c5"), "c5.tanh");
        if (!o.IncludeTop) return b.Finish(x, 0);
        x = b.Tanh(b.Dense(b.Flatten(x, "flatten"), o.Ch(84), name: "f6"), "f6.tanh");
        return b.Finish(b.Dense(x, o.Classes, name: "output"), o.Classes);
    }
}
