namespace Pilot.Capnp.Schema.Text;

/// <summary>
/// A parsed text-format value with its position: a scalar token (identifier, number, string, binary, with its sign),
/// a struct literal <c>(name = value, ...)</c> or a list literal <c>[value, ...]</c>.
/// </summary>
public sealed class TextValue
{
    public enum ValueKind : byte { Identifier, Integer, Float, String, Binary, Struct, List }

    public required ValueKind Kind { get; init; }
    public required int Line { get; init; }
    public required int Column { get; init; }

    /// <summary>An identifier's name (also set for <c>inf</c>/<c>nan</c>).</summary>
    public string Identifier { get; init; } = "";

    /// <summary>A leading '-' was given (integers, floats, inf).</summary>
    public bool Negative { get; init; }

    /// <summary>An integer's magnitude.</summary>
    public ulong Magnitude { get; init; }

    /// <summary>A float literal's magnitude.</summary>
    public double Float { get; init; }

    /// <summary>The bytes of a string or binary literal.</summary>
    public byte[] Bytes { get; init; } = [];

    /// <summary>A struct literal's assignments in input order.</summary>
    public IReadOnlyList<FieldAssignment> Fields { get; init; } = [];

    /// <summary>A list literal's elements.</summary>
    public IReadOnlyList<TextValue> Items { get; init; } = [];

    public string Describe() => Kind switch
    {
        ValueKind.Identifier => $"'{(Negative ? "-" : "")}{Identifier}'",
        ValueKind.Integer => $"integer {(Negative ? "-" : "")}{Magnitude}",
        ValueKind.Float => "floating-point number",
        ValueKind.String => "string",
        ValueKind.Binary => "binary literal",
        ValueKind.Struct => "struct literal",
        _ => "list literal",
    };
}

/// <summary><c>name = value</c> inside a struct literal.</summary>
public sealed record FieldAssignment(string Name, int Line, int Column, TextValue Value);
