namespace Pilot.Vision.Zoo.Architectures;

/// <summary>
/// The zoo's architectures by name (torchvision's names where it has them). The 28x28 ReLU/max-pool LeNet-5 is the
/// engine's own <see cref="Models.Zoo.LeNet5"/> and is not repeated here.
/// </summary>
public static class Catalog
{
    private static readonly Dictionary<string, (string Description, Func<ArchitectureOptions?, NetworkSpec> Build)> Entries = Create();

    private static Dictionary<string, (string, Func<ArchitectureOptions?, NetworkSpec>)> Create()
    {
        var d = new Dictionary<string, (string, Func<ArchitectureOptions?, NetworkSpec>)>(StringComparer.OrdinalIgnoreCase)
        {
            ["lenet5-classic"] = ("LeNet-5, 32x32 tanh / average pooling (LeCun 1998)", o => LeNet.Classic(o)),
            ["alexnet"] = ("AlexNet, torchvision layout", AlexNet.Torchvision),
            ["alexnet-original"] = ("AlexNet, original two-group form with LRN (227x227)", AlexNet.Original),
            ["googlenet"] = ("GoogLeNet / Inception v1 with auxiliary classifiers (weights 0.3)", GoogLeNet.Build),
            ["inception_v3"] = ("Inception v3, torchvision layout (299x299) with the auxiliary classifier (weight 0.4)", InceptionV3.Build),
            ["xception"] = ("Xception, Keras layout (299x299)", Xception.Build),
            ["mobilenet_v1"] = ("MobileNet v1, Keras layout", MobileNet.V1),
            ["mobilenet_v2"] = ("MobileNet v2, torchvision layout", MobileNet.V2),
            ["se_resnet50"] = ("SE-ResNet-50 (squeeze-and-excitation, r = 16)", o => ResNet.Build(50, o, squeezeExcitation: true)),
        };
        foreach (int depth in Vgg.Depths)
        {
            d[$"vgg{depth}"] = ($"VGG-{depth}", o => Vgg.Build(depth, false, o));
            d[$"vgg{depth}_bn"] = ($"VGG-{depth} with batch norm", o => Vgg.Build(depth, true, o));
        }
        foreach (int stride in new[] { 32, 16, 8 }) d[$"fcn{stride}s"] = ($"FCN-{stride}s semantic segmentation on VGG-16", o => Segmentation.Fcn.Build(stride, o));
        foreach (int depth in ResNet.Layers) d[$"resnet{depth}"] = ($"ResNet-{depth}", o => ResNet.Build(depth, o));
        return d;
    }

    public static IEnumerable<(string Name, string Description)> Names => Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value.Description));

    public static NetworkSpec Build(string name, ArchitectureOptions? options = null) =>
        Entries.TryGetValue(name, out var e) ? e.Build(options)
            : throw new ArgumentException($"no architecture named '{name}'; known: {string.Join(", ", Entries.Keys.Order(StringComparer.Ordinal))}");
}
