using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Pilot.Testing;
using Pilot.Vision.Backends;
using Pilot.Vision.Backends.Cpu;
using Pilot.Vision.Models;
using Pilot.Vision.Ops;
using Pilot.Vision.Zoo.Architectures;
using Pilot.Vision.Zoo.Onnx;

namespace Pilot.Vision.Zoo.Tests;

public class OnnxTests
{
    private static readonly CpuBackend Cpu = new();

    /// <summary>A built model in evaluation mode with non-trivial batch-norm statistics, so export must carry them.</summary>
    private static Model Prepared(Model model, int seed)
    {
        model.Build(Cpu, seed);
        var r = new Random(seed);
        foreach (var bn in model.Layers.OfType<BatchNorm>())
            for (int c = 0; c < bn.RunningMean.Length; c++)
            {
                bn.RunningMean.Span[c] = (float)(r.NextDouble() - 0.5);
                bn.RunningVar.Span[c] = (float)(0.5 + r.NextDouble());
                bn.Parameters[0].Value.Span[c] = (float)(0.5 + r.NextDouble());
                bn.Parameters[1].Value.Span[c] = (float)(r.NextDouble() - 0.5);
            }
        model.Training = false;
        var input = model.Input.Span;
        for (int i = 0; i < input.Length; i++) input[i] = (float)(r.NextDouble() * 2 - 1);
        return model;
    }

    private static float[] RunOrt(byte[] onnx, string inputName, float[] input, int[] shape)
    {
        using var session = new InferenceSession(onnx);
        var feeds = new List<NamedOnnxValue> { NamedOnnxValue.CreateFromTensor(inputName, new DenseTensor<float>(input, shape)) };
        using var results = session.Run(feeds);
        return results.First().AsEnumerable<float>().ToArray();
    }

    private static void AssertClose(float[] expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4f * (1 + Math.Abs(expected[i])), $"{what}[{i}]: ONNX Runtime {expected[i]}, Pilot {actual[i]}");
    }

    /// <summary>Exports <paramref name="model"/> (built, input filled, forward run), runs it in ONNX Runtime and imports it back; both must match Pilot.</summary>
    private static void AssertExportMatchesAndImportsBack(Model model, string what, bool onnxRuntime = true)
    {
        var bytes = OnnxCodec.Serialize(OnnxExporter.Export(model, what));
        if (onnxRuntime) AssertClose(RunOrt(bytes, "input", model.Input.ToArray(), model.Input.Shape), model.Output.Span, what);
        var back = OnnxImporter.Import(OnnxCodec.Parse(bytes), model.Batch, Cpu);
        model.Input.Span.CopyTo(back.Input.Span);
        back.Forward();
        AssertClose(model.Output.ToArray(), back.Output.Span, "re-imported " + what);
        Assert.Equal(model.ParameterCount, back.ParameterCount);
    }

    public static TheoryData<string> AllArchitectures() => new(Catalog.Names.Select(n => n.Name));

    // Every architecture of the catalogue at its test size (VGG and AlexNet's adaptive pools then upsample a 1x1 map,
    // which exports as Resize), GoogLeNet with its auxiliary heads.
    [Theory]
    [MemberData(nameof(AllArchitectures))]
    public void EveryZooModelMatchesOnnxRuntimeAndImportsBack(string name)
    {
        var model = Prepared(Catalog.Build(name, TestSizes.Tiny(name)).ToModel(2), 3);
        model.Forward();
        AssertExportMatchesAndImportsBack(model, name);
    }

    [Fact]
    public void VggAt224ExportsItsAdaptivePoolAsAPlainPool()
    {
        var model = Prepared(Catalog.Build("vgg11_bn", TestSizes.Tiny("vgg11_bn") with { InputSize = 224 }).ToModel(1), 3);
        model.Forward();
        var proto = OnnxExporter.Export(model);
        Assert.Contains(proto.Graph.Nodes, n => n.OpType == "AveragePool" && n.Ints("kernel_shape").SequenceEqual([1L, 1L]));
        AssertExportMatchesAndImportsBack(model, "vgg11_bn at 224");
    }

    [Fact]
    public void GeneratorsExport()
    {
        var autoencoder = Prepared(Generative.DenoisingAutoencoder.Build(0.25f).ToModel(2), 4);
        autoencoder.Forward();
        AssertExportMatchesAndImportsBack(autoencoder, "denoising autoencoder");
        var generator = Prepared(new Generative.Dcgan(2, Cpu, noise: 8, width: 1f / 8, seed: 1).GeneratorSpec.ToModel(2), 5);
        generator.Forward();
        AssertExportMatchesAndImportsBack(generator, "dcgan generator");
    }

    /// <summary>Single layers whose settings need care on the way out: each is exported, run in ONNX Runtime and imported back.</summary>
    public static TheoryData<string> LayerCases() => new(LayerCase.Keys);

    private static readonly Dictionary<string, (int[] Input, Func<Layer> Create, float InputScale, bool OnnxRuntime)> LayerCase = new()
    {
        // 'same' padding of an even input at stride 2 is asymmetric: the depthwise half must carry per-side pads
        ["separable 3x3/2 same"] = ([3, 8, 8], () => new SeparableConv2d(5, 3, 2, Padding.Same), 1, true),
        ["separable 5x5 valid, no bias"] = ([4, 9, 7], () => new SeparableConv2d(6, 5, bias: false), 1, true),
        ["transposed 3x3/2 pad 1 output padding 1"] = ([3, 5, 4], () => new ConvTranspose2d(4, 3, 2, 1, 1), 1, true),
        ["transposed 3x3/1 dilation 2"] = ([2, 4, 4], () => new ConvTranspose2d(3, 3, 1, 0, 0, dilation: 2), 1, true),
        ["transposed 4x4/2 pad 1 no bias"] = ([3, 4, 4], () => new ConvTranspose2d(2, 4, 2, 1, bias: false), 1, true),
        // a large alpha and inputs of a few units make the alpha / size convention visible
        ["LRN size 5"] = ([7, 3, 3], () => new LocalResponseNorm(5, 0.5f, 0.75f, 2f), 3, true),
        ["LRN size 3"] = ([4, 2, 3], () => new LocalResponseNorm(3, 0.8f, 0.6f, 1f), 3, true),
        // ONNX allows even sizes (one more channel after the centre than before, as the engine does) but ONNX
        // Runtime's kernel refuses them, so this one only goes out and back in
        ["LRN size 4"] = ([6, 3, 3], () => new LocalResponseNorm(4, 0.8f, 0.6f, 1f), 3, false),
        ["rescale 1/255"] = ([2, 3, 3], () => new Rescale(1 / 255f), 255, true),
        ["upsample nearest x2"] = ([2, 3, 5], () => new Upsample(2), 1, true),
        ["upsample nearest x3"] = ([2, 4, 3], () => new Upsample(3), 1, true),
        ["upsample bilinear x2"] = ([2, 3, 5], () => new Upsample(2, UpsampleMode.Bilinear), 1, true),
        ["upsample bilinear x3"] = ([2, 4, 3], () => new Upsample(3, UpsampleMode.Bilinear), 1, true),
    };

    [Theory]
    [MemberData(nameof(LayerCases))]
    public void LayerMatchesOnnxRuntimeAndImportsBack(string name)
    {
        var (shape, create, scale, onnxRuntime) = LayerCase[name];
        var model = new Model(2, shape);
        var layer = create();
        layer.Name = "layer";
        model.Add(layer, model.InputNode);
        Prepared(model, 9);
        var x = model.Input.Span;
        for (int i = 0; i < x.Length; i++) x[i] *= scale;
        if (model.Parameters.Count > 0)
        {
            // non-zero biases, so a lost or misplaced bias shows
            var r = new Random(13);
            foreach (var p in model.Parameters.Where(p => p.Name.EndsWith("bias", StringComparison.Ordinal)))
                for (int i = 0; i < p.Value.Length; i++) p.Value.Span[i] = (float)(r.NextDouble() - 0.5);
        }
        model.Forward();
        AssertExportMatchesAndImportsBack(model, name, onnxRuntime);
    }

    [Fact]
    public void ResizeWithCornerAlignmentIsRefused()
    {
        var model = new Model(1, 1, 2, 2);
        model.Add(new Upsample(2, UpsampleMode.Bilinear) { Name = "up" }, model.InputNode);
        model.Build(Cpu);
        var proto = OnnxExporter.Export(model);
        proto.Graph.Nodes.Single().Attributes.Single(a => a.Name == "coordinate_transformation_mode").S = "align_corners";
        var e = Assert.Throws<OnnxFormatException>(() => OnnxImporter.Import(OnnxCodec.Parse(OnnxCodec.Serialize(proto)), 1, Cpu));
        Assert.Contains("align_corners", e.Message);
    }

    [Fact]
    public void EngineLeNetExportsAndImportsBack()
    {
        var model = Prepared(Models.Zoo.LeNet5(2), 5);
        model.Forward();
        var bytes = OnnxCodec.Serialize(OnnxExporter.Export(model));
        AssertClose(RunOrt(bytes, "input", model.Input.ToArray(), model.Input.Shape), model.Output.Span, "lenet5");
        var back = OnnxImporter.Import(OnnxCodec.Parse(bytes), 2, Cpu);
        model.Input.Span.CopyTo(back.Input.Span);
        back.Forward();
        AssertClose(model.Output.ToArray(), back.Output.Span, "re-imported lenet5");
        Assert.Equal(model.ParameterCount, back.ParameterCount);
    }

    [SkippableFact]
    public void ReferenceLaneNetworkImportsAndMatchesOnnxRuntime()
    {
        string path = TestData.Require("models/lane_ref.onnx");
        var model = OnnxImporter.Load(path, 1, Cpu);
        // ARCHITECTURE.md's 1,261,819 counts batch norm as gamma + beta on 1,280 channels; the exporter folded each into
        // a convolution bias (one value per channel), so the file holds 1,280 fewer
        Assert.Equal(1_261_819L - 1_280, model.ParameterCount);
        Assert.Equal([1, 571], model.Output.Shape);
        var r = new Random(11);
        var input = new float[model.Input.Length];
        for (int i = 0; i < input.Length; i++) input[i] = r.Next(256);
        input.CopyTo(model.Input.Span);
        model.Forward();
        AssertClose(RunOrt(File.ReadAllBytes(path), "img", input, [1, 12, 128, 256]), model.Output.Span, "lane_ref");
    }

    [Fact]
    public void UnsupportedOperatorIsRefusedByNodeName()
    {
        var proto = new OnnxModelProto();
        proto.Graph.Inputs.Add(new OnnxValueInfo("x", OnnxTensor.Float, [1, 4]));
        var node = new OnnxNode { Name = "weird", OpType = "Hardmax" };
        node.Inputs.Add("x"); node.Outputs.Add("y");
        proto.Graph.Nodes.Add(node);
        var e = Assert.Throws<OnnxFormatException>(() => OnnxImporter.Import(OnnxCodec.Parse(OnnxCodec.Serialize(proto)), 1, Cpu));
        Assert.Equal("weird", e.Node);
        Assert.Contains("Hardmax", e.Message);
    }

    [Fact]
    public void TruncatedFileIsAMalformedProtobufError()
    {
        var model = Prepared(Models.Zoo.LeNet5(1), 1);
        var bytes = OnnxCodec.Serialize(OnnxExporter.Export(model));
        Assert.Throws<OnnxFormatException>(() => OnnxCodec.Parse(bytes[..(bytes.Length / 2)]));
    }
}
