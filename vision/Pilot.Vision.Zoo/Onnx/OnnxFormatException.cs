namespace Pilot.Vision.Zoo.Onnx;

/// <summary>An ONNX file Pilot cannot read: malformed protobuf (with the byte offset) or an operator or attribute it does not support (with the node).</summary>
public sealed class OnnxFormatException(string message, long offset = -1, string? node = null) : Exception(message)
{
    public long Offset { get; } = offset;
    public string? Node { get; } = node;
}
