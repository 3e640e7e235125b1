using System.Runtime.InteropServices;
using Google.Protobuf;
using WireType = Google.Protobuf.WireFormat.WireType;

namespace Pilot.Vision.Zoo.Onnx;

/// <summary>
/// Reads and writes the ONNX messages of <see cref="OnnxModelProto"/> directly on protobuf's wire format
/// (CodedInputStream / CodedOutputStream) with onnx.proto's field numbers, so no generated code is needed.
/// Repeated numbers are read packed or unpacked (onnx.proto is proto2: PyTorch writes them unpacked); unknown
/// fields are skipped. Float data is written as little-endian raw_data, as every exporter does.
/// </summary>
public static class OnnxCodec
{
    public const int MaxBytes = 1 << 30;   // protobuf's own 2 GiB ceiling halved: models beyond use external data, unsupported

    public static OnnxModelProto Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"ONNX model not found: {path}", path);
        if (info.Length > MaxBytes) throw new OnnxFormatException($"{path}: {info.Length} bytes is over the {MaxBytes}-byte limit (external-data models are not supported)");
        return Parse(File.ReadAllBytes(path));
    }

    public static OnnxModelProto Parse(byte[] bytes)
    {
        var model = new OnnxModelProto { OpsetVersion = 0 };
        var s = new CodedInputStream(bytes);
        try
        {
            uint tag;
            while ((tag = s.ReadTag()) != 0)
                switch (WireFormat.GetTagFieldNumber(tag))
                {
                    case 1: model.IrVersion = s.ReadInt64(); break;
                    case 2: model.ProducerName = s.ReadString(); break;
                    case 7: model.Graph = ReadGraph(s.ReadBytes()); break;
                    case 8:
                        var (domain, version) = ReadOpset(s.ReadBytes());
                        if (domain is "" or "ai.onnx") model.OpsetVersion = version;
                        break;
                    default: s.SkipLastField(); break;
                }
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new OnnxFormatException($"malformed ONNX protobuf near byte {s.Position}: {e.Message}", s.Position);
        }
        return model;
    }

    private static (string, long) ReadOpset(ByteString bytes)
    {
        var s = bytes.CreateCodedInput();
        string domain = ""; long version = 0;
        uint tag;
        while ((tag = s.ReadTag()) != 0)
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: domain = s.ReadString(); break;
                case 2: version = s.ReadInt64(); break;
                default: s.SkipLastField(); break;
            }
        return (domain, version);
    }

    private static OnnxGraph ReadGraph(ByteString bytes)
    {
        var g = new OnnxGraph();
        var s = bytes.CreateCodedInput();
        uint tag;
        while ((tag = s.ReadTag()) != 0)
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: g.Nodes.Add(ReadNode(s.ReadBytes())); break;
                case 2: g.Name = s.ReadString(); break;
                case 5: g.Initializers.Add(ReadTensor(s.ReadBytes())); break;
                case 11: g.Inputs.Add(ReadValueInfo(s.ReadBytes())); break;
                case 12: g.Outputs.Add(ReadValueInfo(s.ReadBytes())); break;
                default: s.SkipLastField(); break;
            }
        return g;
    }

    private static OnnxNode ReadNode(ByteString bytes)
    {
        var n = new OnnxNode();
        var s = bytes.CreateCodedInput();
        uint tag;
        while ((tag = s.ReadTag()) != 0)
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: n.Inputs.Add(s.ReadString()); break;
                case 2: n.Outputs.Add(s.ReadString()); break;
                case 3: n.Name = s.ReadString(); break;
                case 4: n.OpType = s.ReadString(); break;
                case 5: n.Attributes.Add(ReadAttribute(s.ReadBytes())); break;
                default: s.SkipLastField(); break;
            }
        return n;
    }

    private static OnnxAttribute ReadAttribute(ByteString bytes)
    {
        var a = new OnnxAttribute();
        var s = bytes.CreateCodedInput();
        var floats = new List<float>(); var ints = new List<long>();
        uint tag;
        while ((tag = s.ReadTag()) != 0)
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: a.Name = s.ReadString(); break;
                case 2: a.F = s.ReadFloat(); break;
                case 3: a.I = s.ReadInt64(); break;
                case 4: a.S = s.ReadBytes().ToStringUtf8(); break;
                case 5: a.T = ReadTensor(s.ReadBytes()); break;
                case 7: ReadFloats(s, tag, floats); break;
                case 8: ReadInt64s(s, tag, ints); break;
                case 20: a.Type = (OnnxAttributeType)s.ReadInt32(); break;
                default: s.SkipLastField(); break;
            }
        a.Floats = floats.ToArray(); a.Ints = ints.ToArray();
        return a;
    }

    private static OnnxTensor ReadTensor(ByteString bytes)
    {
        var t = new OnnxTensor();
        var s = bytes.CreateCodedInput();
        var dims = new List<long>(); var floats = new List<float>(); var ints = new List<long>();
        ByteString? raw = null;
        uint tag;
        while ((tag = s.ReadTag()) != 0)
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: ReadInt64s(s, tag, dims); break;
                case 2: t.DataType = s.ReadInt32(); break;
                case 4: ReadFloats(s, tag, floats); break;
                case 5: case 7: ReadInt64s(s, tag, ints); break;
                case 8: t.Name = s.ReadString(); break;
                case 9: raw = s.ReadBytes(); break;
                case 14:
                    if (s.ReadInt32() != 0) throw new OnnxFormatException($"tensor '{t.Name}' keeps its data in an external file; only embedded data is supported");
                    break;
                default: s.SkipLastField(); break;
            }
        t.Dims = dims.ToArray();
        long count = t.Dims.Aggregate(1L, (a, d) => a * d);
        if (raw is not null)
        {
            var span = raw.Span;
            switch (t.DataType)
            {
                case OnnxTensor.Float: t.Floats = MemoryMarshal.Cast<byte, float>(span).ToArray(); break;
                case OnnxTensor.Int64: t.Int64s = MemoryMarshal.Cast<byte, long>(span).ToArray(); break;
                case OnnxTensor.Int32: t.Int64s = MemoryMarshal.Cast<byte, int>(span).ToArray().Select(v => (long)v).ToArray(); break;
                default: throw new OnnxFormatException($"tensor '{t.Name}': data type {t.DataType} is not supported (float, int32, int64 are)");
            }
        }
        else { t.Floats = floats.ToArray(); t.Int64s = ints.ToArray(); }
        long have = t.DataType == OnnxTensor.Float ? t.Floats.Length : t.Int64s.Length;
        if (have != count) throw new OnnxFormatException($"tensor '{t.Name}': {have} values for dims [{string.Join(", ", t.Dims)}] ({count} expected)");
        return t;
    }

    private static OnnxValueInfo ReadValueInfo(ByteString bytes)
    {
        string name = ""; int elem = 0; var dims = new List<long>();
        var s = bytes.CreateCodedInput();
        uint tag;
        while ((tag = s.ReadTag()) != 0)
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: name = s.ReadString(); break;
                case 2:
                    var type = s.ReadBytes().CreateCodedInput();   // TypeProto
                    uint tt;
                    while ((tt = type.ReadTag()) != 0)
                    {
                        if (WireFormat.GetTagFieldNumber(tt) != 1) { type.SkipLastField(); continue; }
                        var tensor = type.ReadBytes().CreateCodedInput();   // TypeProto.Tensor
                        uint t3;
                        while ((t3 = tensor.ReadTag()) != 0)
                            switch (WireFormat.GetTagFieldNumber(t3))
                            {
                                case 1: elem = tensor.ReadInt32(); break;
                                case 2:
                                    var shape = tensor.ReadBytes().CreateCodedInput();   // TensorShapeProto
                                    uint t4;
                                    while ((t4 = shape.ReadTag()) != 0)
                                    {
                                        if (WireFormat.GetTagFieldNumber(t4) != 1) { shape.SkipLastField(); continue; }
                                        var dim = shape.ReadBytes().CreateCodedInput();
                                        long value = -1;
                                        uint t5;
                                        while ((t5 = dim.ReadTag()) != 0)
                                            if (WireFormat.GetTagFieldNumber(t5) == 1) value = dim.ReadInt64(); else dim.SkipLastField();
                                        dims.Add(value);
                                    }
                                    break;
                                default: tensor.SkipLastField(); break;
                            }
                    }
                    break;
                default: s.SkipLastField(); break;
            }
        return new OnnxValueInfo(name, elem, dims.ToArray());
    }

    private static void ReadInt64s(CodedInputStream s, uint tag, List<long> into)
    {
        if (WireFormat.GetTagWireType(tag) != WireType.LengthDelimited) { into.Add(s.ReadInt64()); return; }
        var packed = s.ReadBytes().CreateCodedInput();
        while (!packed.IsAtEnd) into.Add(packed.ReadInt64());
    }

    private static void ReadFloats(CodedInputStream s, uint tag, List<float> into)
    {
        if (WireFormat.GetTagWireType(tag) != WireType.LengthDelimited) { into.Add(s.ReadFloat()); return; }
        into.AddRange(MemoryMarshal.Cast<byte, float>(s.ReadBytes().Span).ToArray());
    }

    // Writing

    public static void Save(OnnxModelProto model, string path) => File.WriteAllBytes(path, Serialize(model));

    public static byte[] Serialize(OnnxModelProto model) => Message(o =>
    {
        o.WriteTag(1, WireType.Varint); o.WriteInt64(model.IrVersion);
        WriteString(o, 2, model.ProducerName);
        WriteMessage(o, 7, Graph(model.Graph));
        WriteMessage(o, 8, Message(p => { WriteString(p, 1, ""); p.WriteTag(2, WireType.Varint); p.WriteInt64(model.OpsetVersion); }));
    });

    private static byte[] Graph(OnnxGraph g) => Message(o =>
    {
        foreach (var n in g.Nodes) WriteMessage(o, 1, Node(n));
        WriteString(o, 2, g.Name);
        foreach (var t in g.Initializers) WriteMessage(o, 5, Tensor(t));
        foreach (var v in g.Inputs) WriteMessage(o, 11, ValueInfo(v));
        foreach (var v in g.Outputs) WriteMessage(o, 12, ValueInfo(v));
    });

    private static byte[] Node(OnnxNode n) => Message(o =>
    {
        foreach (var i in n.Inputs) WriteString(o, 1, i);
        foreach (var i in n.Outputs) WriteString(o, 2, i);
        WriteString(o, 3, n.Name);
        WriteString(o, 4, n.OpType);
        foreach (var a in n.Attributes) WriteMessage(o, 5, Attribute(a));
    });

    private static byte[] Attribute(OnnxAttribute a) => Message(o =>
    {
        WriteString(o, 1, a.Name);
        switch (a.Type)
        {
            case OnnxAttributeType.Float: o.WriteTag(2, WireType.Fixed32); o.WriteFloat(a.F); break;
            case OnnxAttributeType.Int: o.WriteTag(3, WireType.Varint); o.WriteInt64(a.I); break;
            case OnnxAttributeType.String: o.WriteTag(4, WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFromUtf8(a.S)); break;
            case OnnxAttributeType.Tensor: WriteMessage(o, 5, Tensor(a.T!)); break;
            case OnnxAttributeType.Floats: foreach (var f in a.Floats) { o.WriteTag(7, WireType.Fixed32); o.WriteFloat(f); } break;
            case OnnxAttributeType.Ints: foreach (var i in a.Ints) { o.WriteTag(8, WireType.Varint); o.WriteInt64(i); } break;
        }
        o.WriteTag(20, WireType.Varint); o.WriteInt32((int)a.Type);
    });

    private static byte[] Tensor(OnnxTensor t) => Message(o =>
    {
        foreach (var d in t.Dims) { o.WriteTag(1, WireType.Varint); o.WriteInt64(d); }
        o.WriteTag(2, WireType.Varint); o.WriteInt32(t.DataType);
        WriteString(o, 8, t.Name);
        var raw = t.DataType == OnnxTensor.Float ? MemoryMarshal.AsBytes(t.Floats.AsSpan()).ToArray() : MemoryMarshal.AsBytes(t.Int64s.AsSpan()).ToArray();
        o.WriteTag(9, WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(raw));
    });

    private static byte[] ValueInfo(OnnxValueInfo v) => Message(o =>
    {
        WriteString(o, 1, v.Name);
        var shape = Message(s =>
        {
            foreach (var d in v.Dims)
                WriteMessage(s, 1, Message(x => { if (d >= 0) { x.WriteTag(1, WireType.Varint); x.WriteInt64(d); } else WriteString(x, 2, "N"); }));
        });
        var tensor = Message(t => { t.WriteTag(1, WireType.Varint); t.WriteInt32(v.ElementType); WriteMessage(t, 2, shape); });
        WriteMessage(o, 2, Message(t => WriteMessage(t, 1, tensor)));
    });

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        var o = new CodedOutputStream(stream);
        write(o);
        o.Flush();
        return stream.ToArray();
    }

    private static void WriteMessage(CodedOutputStream o, int field, byte[] bytes)
    {
        o.WriteTag(field, WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(bytes));
    }

    private static void WriteString(CodedOutputStream o, int field, string value)
    {
        o.WriteTag(field, WireType.LengthDelimited);
        o.WriteString(value);
    }
}
