using System.Globalization;
using System.Text;

namespace Pilot.Capnp.Schema.Text;

/// <summary>
/// Prints any struct in the Cap'n Proto text format exactly as <c>capnp decode</c> (pretty) or <c>capnp decode
/// --short</c> does, driven only by the schema: non-union fields in field order, pointer fields only when non-null,
/// the active union member where the reference puts it, and the reference's line-breaking rules.
/// </summary>
public sealed class TextPrinter
{
    private readonly SchemaSet schema;

    public TextPrinter(SchemaSet schema) => this.schema = schema;

    /// <summary>The text of <paramref name="value"/> as UTF-8 bytes (text fields are passed through byte for byte).</summary>
    public byte[] PrintUtf8(StructReader value, StructNode type, bool pretty = true) =>
        Encoding.Latin1.GetBytes(PrintBytes(value, type, pretty));

    /// <summary>The text of <paramref name="value"/>.</summary>
    public string Print(StructReader value, StructNode type, bool pretty = true) =>
        Encoding.UTF8.GetString(PrintUtf8(value, type, pretty));

    // Every string below is a byte string (one char per byte), so Length is the byte count the layout rules use.
    private string PrintBytes(StructReader value, StructNode type, bool pretty) =>
        PrintStruct(value, type, TypeBindings.None, new Indent(pretty ? 1 : 0), PrintMode.Bare);

    private string PrintStruct(StructReader value, StructNode type, TypeBindings bindings, Indent indent, PrintMode mode)
    {
        var items = new List<string>(type.NonUnionFields.Count + 1);
        Field? unionField = null;
        string? unionText = null;
        if (type.HasUnion)
        {
            ushort tag = value.ReadUInt16((int)type.DiscriminantOffset);
            unionField = type.UnionFields.FirstOrDefault(f => f.DiscriminantValue == tag);
            // The default member is left out when it holds the null pointer; any other member is always shown.
            if (unionField is not null && (tag != 0 || Has(value, unionField)))
                unionText = unionField.Name + " = " + PrintField(value, unionField, bindings, indent.Next, PrintMode.Prefixed);
        }
        foreach (var field in type.NonUnionFields)
        {
            if (unionText is not null && unionField!.Index < field.Index)
            {
                items.Add(unionText);
                unionText = null;
            }
            if (Has(value, field))
                items.Add(field.Name + " = " + PrintField(value, field, bindings, indent.Next, PrintMode.Prefixed));
        }
        if (unionText is not null) items.Add(unionText);
        return "(" + indent.Delimit(items, mode, PrintKind.Record) + ")";
    }

    private static bool Has(StructReader value, Field field) =>
        field.IsGroup || !field.Type!.IsPointer || value.HasPointer((int)field.Offset);

    private string PrintField(StructReader value, Field field, TypeBindings bindings, Indent indent, PrintMode mode)
    {
        if (field.IsGroup) return PrintStruct(value, field.Group!, bindings, indent, mode);
        var type = bindings.Resolve(field.Type!);
        int offset = (int)field.Offset;
        ulong raw = field.DefaultValue.RawBits;
        return type.Kind switch
        {
            TypeKind.Void => "void",
            TypeKind.Bool => value.ReadBool(offset, raw != 0) ? "true" : "false",
            TypeKind.Int8 => Invariant(value.ReadInt8(offset, (sbyte)raw)),
            TypeKind.Int16 => Invariant(value.ReadInt16(offset, (short)raw)),
            TypeKind.Int32 => Invariant(value.ReadInt32(offset, (int)raw)),
            TypeKind.Int64 => Invariant(value.ReadInt64(offset, (long)raw)),
            TypeKind.UInt8 => Invariant(value.ReadUInt8(offset, (byte)raw)),
            TypeKind.UInt16 => Invariant(value.ReadUInt16(offset, (ushort)raw)),
            TypeKind.UInt32 => Invariant(value.ReadUInt32(offset, (uint)raw)),
            TypeKind.UInt64 => Invariant(value.ReadUInt64(offset, raw)),
            TypeKind.Float32 => KjFloat.Format(value.ReadFloat32(offset, BitConverter.UInt32BitsToSingle((uint)raw))),
            TypeKind.Float64 => KjFloat.Format(value.ReadFloat64(offset, BitConverter.UInt64BitsToDouble(raw))),
            TypeKind.Enum => EnumText(type, value.ReadUInt16(offset, (ushort)raw)),
            TypeKind.Text => Quoted(value.ReadTextSpan(offset), isData: false),
            TypeKind.Data => Quoted(value.ReadData(offset), isData: true),
            TypeKind.List => PrintList(value.ReadList(offset), type.ElementType!, bindings, indent, mode),
            TypeKind.Struct => PrintStruct(value.ReadStruct(offset), schema.Struct(type.TypeId), bindings.Enter(type), indent, mode),
            TypeKind.Interface => "<external capability>",
            _ => "<opaque pointer>",
        };
    }

    private string PrintList(ListReader list, SchemaType element, TypeBindings bindings, Indent indent, PrintMode mode)
    {
        var items = new List<string>(list.Count);
        var next = indent.Next;
        for (int i = 0; i < list.Count; i++) items.Add(PrintElement(list, i, element, bindings, next));
        return "[" + indent.Delimit(items, mode, PrintKind.List) + "]";
    }

    private string PrintElement(ListReader list, int i, SchemaType element, TypeBindings bindings, Indent indent) => element.Kind switch
    {
        TypeKind.Void => "void",
        TypeKind.Bool => list.GetBool(i) ? "true" : "false",
        TypeKind.Int8 => Invariant(list.GetInt8(i)),
        TypeKind.Int16 => Invariant(list.GetInt16(i)),
        TypeKind.Int32 => Invariant(list.GetInt32(i)),
        TypeKind.Int64 => Invariant(list.GetInt64(i)),
        TypeKind.UInt8 => Invariant(list.GetUInt8(i)),
        TypeKind.UInt16 => Invariant(list.GetUInt16(i)),
        TypeKind.UInt32 => Invariant(list.GetUInt32(i)),
        TypeKind.UInt64 => Invariant(list.GetUInt64(i)),
        TypeKind.Float32 => KjFloat.Format(list.GetFloat32(i)),
        TypeKind.Float64 => KjFloat.Format(list.GetFloat64(i)),
        TypeKind.Enum => EnumText(element, list.GetUInt16(i)),
        TypeKind.Text => Quoted(list.GetTextSpan(i), isData: false),
        TypeKind.Data => Quoted(list.GetData(i), isData: true),
        TypeKind.List => PrintList(list.GetList(i), element.ElementType!, bindings, indent, PrintMode.Bare),
        TypeKind.Struct => PrintStruct(list.GetStruct(i), schema.Struct(element.TypeId), bindings.Enter(element), indent, PrintMode.Bare),
        TypeKind.Interface => "<external capability>",
        _ => "<opaque pointer>",
    };

    private string EnumText(SchemaType type, ushort value)
    {
        var enumerants = schema.Enum(type.TypeId).Enumerants;
        // An enumerant this schema does not know (a newer writer) prints as its number in parentheses.
        return value < enumerants.Count ? enumerants[value].Name : "(" + Invariant(value) + ")";
    }

    private static string Quoted(ReadOnlySpan<byte> bytes, bool isData)
    {
        var output = new StringBuilder(bytes.Length + 2);
        TextEscape.AppendQuoted(output, bytes, isData);
        return output.ToString();
    }

    private static string Invariant<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private enum PrintMode { Bare, Prefixed }

    private enum PrintKind { List, Record }

    /// <summary>The reference printer's indentation: 0 prints everything on one line (--short).</summary>
    private readonly record struct Indent(int Amount)
    {
        private const int MaxInlineValueSize = 24;   // stringify.c++: longer items go on their own lines
        private const int MaxInlineRecordSize = 64;  // ... and so do records whose items add up to more

        public Indent Next => new(Amount == 0 ? 0 : Amount + 1);

        public string Delimit(List<string> items, PrintMode mode, PrintKind kind)
        {
            if (Amount == 0 || CanPrintAllInline(items, kind)) return string.Join(", ", items);
            string delimiter = ",\n" + new string(' ', Amount * 2);
            // After an opening bracket on the same line a space suffices; a prefixed value starts on a new line.
            return (mode == PrintMode.Bare ? " " : delimiter[1..]) + string.Join(delimiter, items) + " ";
        }

        private static bool CanPrintAllInline(List<string> items, PrintKind kind)
        {
            int total = 0;
            foreach (string item in items)
            {
                if (item.Length > MaxInlineValueSize || item.Contains('\n')) return false;
                if (kind == PrintKind.Record && (total += item.Length) > MaxInlineRecordSize) return false;
            }
            return true;
        }
    }
}
