using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Pilot.Testing;
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

    public static TheoryData<string> Exportable() => new("lenet5-classic", "inception_v3", "resnet18", "se_resnet50", "mobilenet_v2", "mobilenet_v1", "vgg11_bn", "googlenet", "alexnet");

    [Theory]
    [MemberData(nameof(Exportable))]
    public void ExportedZooModelsMatchOnnxRuntime(string name)
    {
        var options = TestSizes.Tiny(name) with { AuxClassifiers = false };
        // adaptive pools export as plain pools only where the input divides evenly: 224 gives VGG 7x7 and AlexNet 6x6 maps
        if (name is "vgg11_bn" or "alexnet") options = options with { InputSize = 224 };
        var model = Prepared(Catalog.Build(name, options).ToModel(2), 3);
        model.Forward();
        var bytes = OnnxCodec.Serialize(OnnxExporter.Export(model, name));
        var expected = RunOrt(bytes, "input", model.Input.ToArray(), model.Input.Shape);
        AssertClose(expected, model.Output.Span, name);
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

    [Fact]
    public void ImportedResNetMatchesTheOriginal()
    {
        var model = Prepared(Catalog.Build("resnet18", TestSizes.Tiny("resnet18")).ToModel(1), 7);
        model.Forward();
        var back = OnnxImporter.Import(OnnxCodec.Parse(OnnxCodec.Serialize(OnnxExporter.Export(model))), 1, Cpu);
        model.Input.Span.CopyTo(back.Input.Span);
        back.Forward();
        AssertClose(model.Output.ToArray(), back.Output.Span, "re-imported resnet18");
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
