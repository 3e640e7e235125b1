using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Zoo.Architectures;

namespace Pilot.Vision.Zoo.Tests;

public class ParameterCountTests
{
    // Published counts at 224x224x3 (299 for Xception, 227 for the original AlexNet) and 1000 classes, read from the
    // shape-only specification (no tensor is allocated). torchvision for AlexNet/VGG/ResNet/GoogLeNet/MobileNetV2,
    // Caffe bvlc_alexnet for the original, Keras trainable parameters for MobileNet v1 and Xception, timm for SE-ResNet-50.
    [Theory]
    [InlineData("vgg16", 138_357_544L)]
    [InlineData("vgg11", 132_863_336L)]
    [InlineData("vgg11_bn", 132_868_840L)]
    [InlineData("vgg16_bn", 138_365_992L)]
    [InlineData("vgg19", 143_667_240L)]
    [InlineData("resnet18", 11_689_512L)]
    [InlineData("resnet34", 21_797_672L)]
    [InlineData("resnet50", 25_557_032L)]
    [InlineData("resnet101", 44_549_160L)]
    [InlineData("resnet152", 60_192_808L)]
    [InlineData("alexnet", 61_100_840L)]
    [InlineData("alexnet-original", 60_965_224L)]
    [InlineData("mobilenet_v2", 3_504_872L)]
    [InlineData("mobilenet_v1", 4_231_976L)]
    [InlineData("xception", 22_855_952L)]
    [InlineData("se_resnet50", 28_088_024L)]
    [InlineData("googlenet", 13_004_888L)]
    [InlineData("inception_v3", 27_161_264L)]
    public void PublishedCounts(string name, long expected) => Assert.Equal(expected, Catalog.Build(name).ParameterCount);

    [Fact]
    public void GoogLeNetWithoutAuxiliaryClassifiers() =>
        Assert.Equal(6_624_904L, GoogLeNet.Build(new ArchitectureOptions { AuxClassifiers = false }).ParameterCount);

    [Fact]
    public void InceptionV3WithoutTheAuxiliaryClassifier() =>
        Assert.Equal(23_834_568L, InceptionV3.Build(new ArchitectureOptions { AuxClassifiers = false }).ParameterCount);

    [Fact]
    public void LeNetClassicCount() => Assert.Equal(61_706L, LeNet.Classic().ParameterCount);

    [Fact]
    public void VggFeatureMapIsSevenBySevenAt224()
    {
        var spec = Vgg.Build(16, false, new ArchitectureOptions { IncludeTop = false });
        Assert.Equal([512, 7, 7], spec.Output.Shape);
        Assert.Equal(14_714_688L, spec.ParameterCount);   // torchvision vgg16().features
    }

    [Theory]
    [MemberData(nameof(AllNames))]
    public void SpecificationCountEqualsTheBuiltEngineModel(string name)
    {
        // a width-reduced network at a small input: the spec's formulas against the engine's allocated parameters
        var spec = Catalog.Build(name, TestSizes.Tiny(name));
        var model = spec.Build(1, new ReferenceBackend());
        Assert.Equal(spec.ParameterCount, model.ParameterCount);
        Assert.Equal(spec.Output.Shape, model.Nodes[^1].Shape[1..]);
    }

    [Fact]
    public void DefaultsAreThePublishedForms()
    {
        Assert.Equal(1000, Catalog.Defaults("vgg16").Classes);
        Assert.Equal(21, Catalog.Defaults("fcn8s").Classes);   // PASCAL VOC
        Assert.Equal(Catalog.Build("fcn8s").ParameterCount, Catalog.Build("fcn8s", Catalog.Defaults("fcn8s")).ParameterCount);
        Assert.Contains("resnet18", Assert.Throws<ArgumentException>(() => Catalog.Defaults("resnet17")).Message);
    }

    public static TheoryData<string> AllNames() => new(Catalog.Names.Select(n => n.Name));
}

/// <summary>Options that make every family small enough to build and train in a unit test.</summary>
public static class TestSizes
{
    public static ArchitectureOptions Tiny(string name) => new()
    {
        Classes = 4,
        InputChannels = name.StartsWith("lenet", StringComparison.Ordinal) ? 1 : 3,
        InputSize = name switch
        {
            "lenet5-classic" => 32,
            "alexnet" or "alexnet-original" => 67,   // the smallest that survives the 11x11/4 stem and three 3x3/2 pools
            "xception" => 40,
            "inception_v3" => 75,   // the smallest input its stem and two grid reductions accept
            _ => 32,
        },
        AuxClassifiers = name != "inception_v3",   // its auxiliary head needs the full 299x299 input
        Width = name.StartsWith("lenet", StringComparison.Ordinal) ? 0.5f : name.StartsWith("mobilenet", StringComparison.Ordinal) ? 0.25f : 1f / 16,
    };
}
