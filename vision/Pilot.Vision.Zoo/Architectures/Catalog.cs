namespace Pilot.Vision.Zoo.Architectures;

/// <summary>
/// The zoo's architectures by name (torchvision's names where it has them). The 28x28 ReLU/max-pool LeNet-5 is the
/// engine's own <see cref="Models.Zoo.LeNet5"/> and is not repeated here.
/// </summary>
public static class Catalog
{
    /// <summary>One architecture: what it is, its builder, and the options of its published form.</summary>
    private sealed record Entry(string Description, Func<ArchitectureOptions?, NetworkSpec> Build, ArchitectureOptions Defaults);

    private static readonly ArchitectureOptions ImageNet = new();   // 1000 classes
    private static readonly ArchitectureOptions Voc = new() { Classes = Segmentation.Fcn.VocClasses };

    private static readonly Dictionary<string, Entry> Entries = Create();

    private static Dictionary<string, Entry> Create()
    {
        var d = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase)
        {
            ["lenet5-classic"] = new("LeNet-5, 32x32 tanh / average pooling (LeCun 1998)", o => LeNet.Classic(o), ImageNet),
            ["alexnet"] = new("AlexNet, torchvision layout", AlexNet.Torchvision, ImageNet),
            ["alexnet-original"] = new("AlexNet, original two-group form with LRN (227x227)", AlexNet.Original, ImageNet),
            ["googlenet"] = new("GoogLeNet / Inception v1 with auxiliary classifiers (weights 0.3)", GoogLeNet.Build, ImageNet),
            ["inception_v3"] = new("Inception v3, torchvision layout (299x299) with the auxiliary classifier (weight 0.4)", InceptionV3.Build, ImageNet),
            ["xception"] = new("Xception, Keras layout (299x299)", Xception.Build, ImageNet),
            ["mobilenet_v1"] = new("MobileNet v1, Keras layout", MobileNet.V1, ImageNet),
            ["mobilenet_v2"] = new("MobileNet v2, torchvision layout", MobileNet.V2, ImageNet),
            ["se_resnet50"] = new("SE-ResNet-50 (squeeze-and-excitation, r = 16)", o => ResNet.Build(50, o, squeezeExcitation: true), ImageNet),
        };
        foreach (int depth in Vgg.Depths)
        {
            d[$"vgg{depth}"] = new($"VGG-{depth}", o => Vgg.Build(depth, false, o), ImageNet);
            d[$"vgg{depth}_bn"] = new($"VGG-{depth} with batch norm", o => Vgg.Build(depth, true, o), ImageNet);
        }
        foreach (int stride in new[] { 32, 16, 8 }) d[$"fcn{stride}s"] = new($"FCN-{stride}s semantic segmentation on VGG-16", o => Segmentation.Fcn.Build(stride, o), Voc);
        foreach (int depth in ResNet.Layers) d[$"resnet{depth}"] = new($"ResNet-{depth}", o => ResNet.Build(depth, o), ImageNet);
        return d;
    }

    public static IEnumerable<(string Name, string Description)> Names => Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value.Description));

    public static NetworkSpec Build(string name, ArchitectureOptions? options = null) => Find(name).Build(options);

    /// <summary>The options of the published form (1000 ImageNet classes; PASCAL VOC's 21 for the FCNs): start here to change one setting.</summary>
    public static ArchitectureOptions Defaults(string name) => Find(name).Defaults;

    private static Entry Find(string name) =>
        Entries.TryGetValue(name, out var e) ? e
            : throw new ArgumentException($"no architecture named '{name}'; known: {string.Join(", ", Entries.Keys.Order(StringComparer.Ordinal))}");
}
