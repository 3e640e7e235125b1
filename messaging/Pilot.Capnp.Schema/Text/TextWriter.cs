using System.Text;

namespace Pilot.Capnp.Schema.Text;

/// <summary>
/// Writes parsed text-format values into builders following the schema, in input order (as the reference's
/// <c>capnp encode</c> does, so both lay messages out alike). Type errors name the field and the position.
/// </summary>
public sealed class TextWriter
{
    private readonly SchemaSet schema;

    public TextWriter(SchemaSet schema) => this.schema = schema;

    /// <summary>Fills <paramref name="target"/> (a builder of <paramref name="type"/>) from a struct literal.</summary>
    public void WriteStruct(StructBuilder target, StructNode type, TextValue value) => WriteStruct(target, type, value, TypeBindings.None);

    private void WriteStruct(StructBuilder target, StructNode type, TextValue value, TypeBindings bindings)
    {
        if (value.Kind != TextValue.ValueKind.Struct) throw Mismatch(value, type.Name, "a struct literal '(...)'");
        foreach (var assignment in value.Fields)
        {
            var field = type.FindField(assignment.Name)
                ?? throw new TextFormatException(assignment.Line, assignment.Column, $"{StructName(type)} has no field named '{assignment.Name}'");
            if (field.IsUnionMember) target.WriteUInt16((int)type.DiscriminantOffset, field.DiscriminantValue);
            WriteField(target, field, assignment.Value, bindings);
        }
    }

    private void WriteField(StructBuilder target, Field field, TextValue value, TypeBindings bindings)
    {
        if (field.IsGroup)
        {
            WriteStruct(target, field.Group!, value, bindings);
            return;
        }
        var type = bindings.Resolve(field.Type!);
        int offset = (int)field.Offset;
        ulong raw = field.DefaultValue.RawBits;
        switch (type.Kind)
        {
            case TypeKind.Void: Void(value, field.Name); break;
            case TypeKind.Bool: target.WriteBool(offset, Bool(value, field.Name), raw != 0); break;
            case TypeKind.Int8: target.WriteInt8(offset, (sbyte)Signed(value, field.Name, sbyte.MinValue, sbyte.MaxValue), (sbyte)raw); break;
            case TypeKind.Int16: target.WriteInt16(offset, (short)Signed(value, field.Name, short.MinValue, short.MaxValue), (short)raw); break;
            case TypeKind.Int32: target.WriteInt32(offset, (int)Signed(value, field.Name, int.MinValue, int.MaxValue), (int)raw); break;
            case TypeKind.Int64: target.WriteInt64(offset, Signed(value, field.Name, long.MinValue, long.MaxValue), (long)raw); break;
            case TypeKind.UInt8: target.WriteUInt8(offset, (byte)Unsigned(value, field.Name, byte.MaxValue), (byte)raw); break;
            case TypeKind.UInt16: target.WriteUInt16(offset, (ushort)Unsigned(value, field.Name, ushort.MaxValue), (ushort)raw); break;
            case TypeKind.UInt32: target.WriteUInt32(offset, (uint)Unsigned(value, field.Name, uint.MaxValue), (uint)raw); break;
            case TypeKind.UInt64: target.WriteUInt64(offset, Unsigned(value, field.Name, ulong.MaxValue), raw); break;
            case TypeKind.Float32: target.WriteFloat32(offset, (float)Double(value, field.Name), BitConverter.UInt32BitsToSingle((uint)raw)); break;
            case TypeKind.Float64: target.WriteFloat64(offset, Double(value, field.Name), BitConverter.UInt64BitsToDouble(raw)); break;
            case TypeKind.Enum: target.WriteUInt16(offset, Enumerant(value, type, field.Name), (ushort)raw); break;
            case TypeKind.Text: target.SetText(offset, (ReadOnlySpan<byte>)Text(value, field.Name)); break;
            case TypeKind.Data: target.SetData(offset, Bytes(value, field.Name, allowBinary: true)); break;
            case TypeKind.Struct:
                var node = schema.Struct(type.TypeId);
                if (value.Kind != TextValue.ValueKind.Struct) throw Mismatch(value, field.Name, "a struct literal '(...)'");
                WriteStruct(target.InitStruct(offset, node.DataWords, node.PointerCount), node, value, bindings.Enter(type));
                break;
            case TypeKind.List:
                if (value.Kind != TextValue.ValueKind.List) throw Mismatch(value, field.Name, "a list literal '[...]'");
                var element = type.ElementType!;
                if (element.Kind == TypeKind.Struct)
                {
                    var elementNode = schema.Struct(element.TypeId);
                    WriteStructList(target.InitStructList(offset, value.Items.Count, elementNode.DataWords, elementNode.PointerCount), elementNode, value, bindings.Enter(element));
                }
                else
                {
                    WriteList(target.InitList(offset, ListSize(element, value, field.Name), value.Items.Count), element, value, field.Name, bindings);
                }
                break;
            default:
                throw new TextFormatException(value.Line, value.Column, $"field '{field.Name}' has type {type.Kind}, which the text format cannot write");
        }
    }

    private void WriteStructList(ListBuilder list, StructNode node, TextValue value, TypeBindings bindings)
    {
        for (int i = 0; i < value.Items.Count; i++) WriteStruct(list.GetStruct(i), node, value.Items[i], bindings);
    }

    private void WriteList(ListBuilder list, SchemaType element, TextValue value, string name, TypeBindings bindings)
    {
        for (int i = 0; i < value.Items.Count; i++)
        {
            var item = value.Items[i];
            switch (element.Kind)
            {
                case TypeKind.Void: Void(item, name); break;
                case TypeKind.Bool: list.SetBool(i, Bool(item, name)); break;
                case TypeKind.Int8: list.SetInt8(i, (sbyte)Signed(item, name, sbyte.MinValue, sbyte.MaxValue)); break;
                case TypeKind.Int16: list.SetInt16(i, (short)Signed(item, name, short.MinValue, short.MaxValue)); break;
                case TypeKind.Int32: list.SetInt32(i, (int)Signed(item, name, int.MinValue, int.MaxValue)); break;
                case TypeKind.Int64: list.SetInt64(i, Signed(item, name, long.MinValue, long.MaxValue)); break;
                case TypeKind.UInt8: list.SetUInt8(i, (byte)Unsigned(item, name, byte.MaxValue)); break;
                case TypeKind.UInt16: list.SetUInt16(i, (ushort)Unsigned(item, name, ushort.MaxValue)); break;
                case TypeKind.UInt32: list.SetUInt32(i, (uint)Unsigned(item, name, uint.MaxValue)); break;
                case TypeKind.UInt64: list.SetUInt64(i, Unsigned(item, name, ulong.MaxValue)); break;
                case TypeKind.Float32: list.SetFloat32(i, (float)Double(item, name)); break;
                case TypeKind.Float64: list.SetFloat64(i, Double(item, name)); break;
                case TypeKind.Enum: list.SetUInt16(i, Enumerant(item, element, name)); break;
                case TypeKind.Text: list.SetText(i, Encoding.UTF8.GetString(Text(item, name))); break;
                case TypeKind.Data: list.SetData(i, Bytes(item, name, allowBinary: true)); break;
                case TypeKind.Struct:
                    throw new InvalidOperationException("struct lists are written by WriteStructList");
                case TypeKind.List:
                    if (item.Kind != TextValue.ValueKind.List) throw Mismatch(item, name, "a list literal '[...]'");
                    var inner = element.ElementType!;
                    if (inner.Kind == TypeKind.Struct)
                    {
                        var node = schema.Struct(inner.TypeId);
                        WriteStructList(list.InitStructList(i, item.Items.Count, node.DataWords, node.PointerCount), node, item, bindings.Enter(inner));
                    }
                    else WriteList(list.InitList(i, ListSize(inner, item, name), item.Items.Count), inner, item, name, bindings);
                    break;
                default:
                    throw new TextFormatException(item.Line, item.Column, $"'{name}' has elements of type {element.Kind}, which the text format cannot write");
            }
        }
    }

    private static ElementSize ListSize(SchemaType element, TextValue value, string name) =>
        element.Kind is TypeKind.Interface or TypeKind.AnyPointer
            ? throw new TextFormatException(value.Line, value.Column, $"'{name}' has elements of type {element.Kind}, which the text format cannot write")
            : element.ListElementSize;

    private static void Void(TextValue value, string name)
    {
        if (value.Kind != TextValue.ValueKind.Identifier || value.Identifier != "void" || value.Negative) throw Mismatch(value, name, "'void'");
    }

    private static bool Bool(TextValue value, string name) =>
        value is { Kind: TextValue.ValueKind.Identifier, Negative: false, Identifier: "true" or "false" }
            ? value.Identifier == "true"
            : throw Mismatch(value, name, "'true' or 'false'");

    private static long Signed(TextValue value, string name, long min, long max)
    {
        if (value.Kind != TextValue.ValueKind.Integer) throw Mismatch(value, name, "an integer");
        bool fits = value.Negative ? value.Magnitude <= (ulong)-(min + 1) + 1 : value.Magnitude <= (ulong)max;
        if (!fits) throw new TextFormatException(value.Line, value.Column, $"{(value.Negative ? "-" : "")}{value.Magnitude} is out of range [{min}, {max}] for '{name}'");
        return value.Negative ? (long)(0UL - value.Magnitude) : (long)value.Magnitude;
    }

    private static ulong Unsigned(TextValue value, string name, ulong max)
    {
        if (value.Kind != TextValue.ValueKind.Integer) throw Mismatch(value, name, "an integer");
        if (value.Negative && value.Magnitude != 0 || value.Magnitude > max)
            throw new TextFormatException(value.Line, value.Column, $"{(value.Negative ? "-" : "")}{value.Magnitude} is out of range [0, {max}] for '{name}'");
        return value.Magnitude;
    }

    /// <summary>The NaN the reference writes (0x7FF8...); .NET's double.NaN has the sign bit set.</summary>
    private static readonly double PositiveQuietNaN = BitConverter.UInt64BitsToDouble(0x7FF8_0000_0000_0000);

    /// <summary>A number as a double; Float32 fields then narrow it, as the reference does.</summary>
    private static double Double(TextValue value, string name)
    {
        double magnitude = value.Kind switch
        {
            TextValue.ValueKind.Integer => value.Magnitude,
            TextValue.ValueKind.Float => value.Float,
            TextValue.ValueKind.Identifier when value.Identifier == "inf" => double.PositiveInfinity,
            TextValue.ValueKind.Identifier when value.Identifier == "nan" => PositiveQuietNaN,
            _ => throw Mismatch(value, name, "a number, inf or nan"),
        };
        return value.Negative ? -magnitude : magnitude;
    }

    private ushort Enumerant(TextValue value, SchemaType type, string name)
    {
        var node = schema.Enum(type.TypeId);
        if (value.Kind == TextValue.ValueKind.Identifier && !value.Negative)
            for (int i = 0; i < node.Enumerants.Count; i++)
                if (node.Enumerants[i].Name == value.Identifier) return (ushort)i;
        throw Mismatch(value, name, $"an enumerant of {node.Name} ({string.Join(", ", node.Enumerants.Select(e => e.Name))})");
    }

    private static byte[] Bytes(TextValue value, string name, bool allowBinary) =>
        value.Kind == TextValue.ValueKind.String || allowBinary && value.Kind == TextValue.ValueKind.Binary
            ? value.Bytes
            : throw Mismatch(value, name, allowBinary ? "a string or 0x\"...\" literal" : "a string");

    /// <summary>Text bytes; NUL is refused because Text is NUL-terminated (the runtime will not write it).</summary>
    private static byte[] Text(TextValue value, string name)
    {
        byte[] bytes = Bytes(value, name, allowBinary: false);
        if (bytes.AsSpan().IndexOf((byte)0) >= 0)
            throw new TextFormatException(value.Line, value.Column, $"'{name}' is Text, which cannot contain NUL (\\0); use Data");
        return bytes;
    }

    private static string StructName(StructNode node) => node.IsGroup ? $"group '{node.Name}'" : $"struct {node.Name}";

    private static TextFormatException Mismatch(TextValue value, string name, string expected) =>
        new(value.Line, value.Column, $"'{name}' expects {expected}, found {value.Describe()}");
}
