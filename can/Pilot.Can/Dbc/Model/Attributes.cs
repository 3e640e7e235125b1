namespace Pilot.Can.Dbc;

/// <summary>What an attribute (BA_DEF_ / BA_DEF_REL_) applies to.</summary>
public enum AttributeObjectType
{
    Network,
    Node,
    Message,
    Signal,
    EnvironmentVariable,
    NodeSignalRelation,
    NodeMessageRelation,
    NodeEnvironmentVariableRelation,
}

/// <summary>The value type of an attribute definition.</summary>
public enum AttributeValueKind
{
    Int,
    Hex,
    Float,
    String,
    Enum,
}

/// <summary>An attribute value as written: a number (kept as its text, so write-back is exact) or a quoted string.</summary>
public sealed record AttributeValue(string Text, bool IsString)
{
    /// <summary>The numeric value, or NaN for strings and non-numeric text.</summary>
    public double Number => !IsString && double.TryParse(Text, System.Globalization.NumberStyles.Float,
        System.Globalization.CultureInfo.InvariantCulture, out double d) ? d : double.NaN;

    public override string ToString() => Text;
}

/// <summary>A BA_DEF_ (or BA_DEF_REL_) definition with its BA_DEF_DEF_ default.</summary>
public sealed record AttributeDefinition(
    string Name,
    AttributeObjectType ObjectType,
    AttributeValueKind Kind,
    string? Minimum,
    string? Maximum,
    IReadOnlyList<string> EnumValues)
{
    public AttributeValue? Default { get; internal set; }

    public bool Equals(AttributeDefinition? other) => other is not null && Name == other.Name && ObjectType == other.ObjectType
        && Kind == other.Kind && Minimum == other.Minimum && Maximum == other.Maximum
        && EnumValues.SequenceEqual(other.EnumValues) && Equals(Default, other.Default);

    public override int GetHashCode() => HashCode.Combine(Name, ObjectType, Kind);
}

/// <summary>A BA_REL_ value: an attribute on a node's relation to a signal, message or environment variable.</summary>
public sealed record RelationAttribute(
    string Name,
    AttributeObjectType ObjectType,
    string Node,
    uint DbcId,
    string? Target,
    AttributeValue Value);
