namespace Pilot.Vision.Zoo.Onnx;

/// <summary>The subset of ONNX's messages (onnx.proto, IR version 8) that Pilot reads and writes: float tensors, nodes with attributes, one graph.</summary>
public sealed class OnnxTensor
{
    public const int Float = 1, Int32 = 6, Int64 = 7;   // TensorProto.DataType

    public string Name { get; set; } = "";
    public long[] Dims { get; set; } = [];
    public int DataType { get; set; } = Float;
    public float[] Floats { get; set; } = [];   // FLOAT data (from float_data or raw_data)
    public long[] Int64s { get; set; } = [];    // INT64 / INT32 data

    public static OnnxTensor Of(string name, float[] values, params long[] dims) => new() { Name = name, Dims = dims, Floats = values };
    public static OnnxTensor OfInt64(string name, long[] values, params long[] dims) => new() { Name = name, Dims = dims, DataType = Int64, Int64s = values };
}

public enum OnnxAttributeType { Float = 1, Int = 2, String = 3, Tensor = 4, Floats = 6, Ints = 7 }

public sealed class OnnxAttribute
{
    public string Name { get; set; } = "";
    public OnnxAttributeType Type { get; set; }
    public float F { get; set; }
    public long I { get; set; }
    public string S { get; set; } = "";
    public OnnxTensor? T { get; set; }
    public float[] Floats { get; set; } = [];
    public long[] Ints { get; set; } = [];
}

public sealed class OnnxNode
{
    public string Name { get; set; } = "";
    public string OpType { get; set; } = "";
    public List<string> Inputs { get; } = [];
    public List<string> Outputs { get; } = [];
    public List<OnnxAttribute> Attributes { get; } = [];

    public OnnxAttribute? Attribute(string name) => Attributes.FirstOrDefault(a => a.Name == name);
    public long Int(string name, long fallback) => Attribute(name)?.I ?? fallback;
    public float Float(string name, float fallback) => Attribute(name)?.F ?? fallback;
    public long[] Ints(string name) => Attribute(name)?.Ints ?? [];
}

/// <summary>A graph input or output: name, element type and dimensions (-1 where symbolic, e.g. the batch).</summary>
public sealed record OnnxValueInfo(string Name, int ElementType, long[] Dims);

public sealed class OnnxGraph
{
    public string Name { get; set; } = "";
    public List<OnnxNode> Nodes { get; } = [];
    public List<OnnxTensor> Initializers { get; } = [];
    public List<OnnxValueInfo> Inputs { get; } = [];
    public List<OnnxValueInfo> Outputs { get; } = [];
}

public sealed class OnnxModelProto
{
    public long IrVersion { get; set; } = 8;
    public long OpsetVersion { get; set; } = 13;
    public string ProducerName { get; set; } = "pilot";
    public OnnxGraph Graph { get; set; } = new();
}
