using System.Globalization;
using System.Text;
using Pilot.Capnp.Schema;

namespace Pilot.Capnp.Compiler;

/// <summary>C# literals for schema values.</summary>
internal static class Literals
{
    /// <summary>The literal for a data-section value given its raw bits (as stored in a default or constant).</summary>
    public static string Primitive(TypeKind kind, ulong raw) => kind switch
    {
        TypeKind.Bool => raw != 0 ? "true" : "false",
        TypeKind.Int8 => ((sbyte)raw).ToString(CultureInfo.InvariantCulture),
        TypeKind.Int16 => ((short)raw).ToString(CultureInfo.InvariantCulture),
        TypeKind.Int32 => ((int)raw).ToString(CultureInfo.InvariantCulture),
        TypeKind.Int64 => ((long)raw).ToString(CultureInfo.InvariantCulture) + "L",
        TypeKind.UInt8 => ((byte)raw).ToString(CultureInfo.InvariantCulture),
        TypeKind.UInt16 => ((ushort)raw).ToString(CultureInfo.InvariantCulture),
        TypeKind.UInt32 => ((uint)raw).ToString(CultureInfo.InvariantCulture) + "U",
        TypeKind.UInt64 => raw.ToString(CultureInfo.InvariantCulture) + "UL",
        TypeKind.Float32 => Float32((uint)raw),
        TypeKind.Float64 => Float64(raw),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a primitive"),
    };

    private static string Float32(uint bits)
    {
        float value = BitConverter.UInt32BitsToSingle(bits);
        if (float.IsNaN(value)) return $"BitConverter.UInt32BitsToSingle(0x{bits:X8}U)";
        if (float.IsInfinity(value)) return value > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
        return value.ToString("R", CultureInfo.InvariantCulture) + "F";
    }

    private static string Float64(ulong bits)
    {
        double value = BitConverter.UInt64BitsToDouble(bits);
        if (double.IsNaN(value)) return $"BitConverter.UInt64BitsToDouble(0x{bits:X16}UL)";
        if (double.IsInfinity(value)) return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        return value.ToString("R", CultureInfo.InvariantCulture) + "D";
    }

    /// <summary>A regular C# string literal (non-ASCII and controls as \u escapes, so files stay ASCII).</summary>
    public static string String(string value)
    {
        var result = new StringBuilder("\"");
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': result.Append("\\\""); break;
                case '\\': result.Append("\\\\"); break;
                case '\n': result.Append("\\n"); break;
                case '\r': result.Append("\\r"); break;
                case '\t': result.Append("\\t"); break;
                default:
                    if (c < 0x20 || c > 0x7E) result.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else result.Append(c);
                    break;
            }
        }
        return result.Append('"').ToString();
    }
}
