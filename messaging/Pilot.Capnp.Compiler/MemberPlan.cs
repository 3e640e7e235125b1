using Pilot.Capnp.Schema;

namespace Pilot.Capnp.Compiler;

/// <summary>The C# member names of one field, shared by its reader and builder so both agree.</summary>
internal sealed record FieldNames(string Property, string Utf8, string Has, string Set, string Init, string DefaultBytes);

/// <summary>
/// Member names for every field of a struct or group (unique within the Reader/Builder scope), and the slots of the
/// embedded message that holds the struct's struct/list defaults (one slot per defaulted field, groups included).
/// </summary>
internal sealed class MemberPlan
{
    private static readonly string[] Reserved =
    [
        "Reader", "Builder", "Struct", "Create", "Which", "AsReader", "DataWords", "PointerCount",
        "Equals", "GetHashCode", "ToString", "GetType",
    ];

    private readonly Dictionary<Field, FieldNames> names = new();

    public MemberPlan(StructNode node)
    {
        var scope = new NameScope(Reserved);
        foreach (var field in node.Fields)
        {
            string property = scope.Claim(Naming.Pascal(field.Name));
            names[field] = new FieldNames(property, scope.Claim(property + "Utf8"), scope.Claim("Has" + property),
                scope.Claim("Set" + property), scope.Claim("Init" + property), scope.Claim("_" + property + "Default"));
        }
    }

    public FieldNames this[Field field] => names[field];

    /// <summary>True when a field's default lives in the struct's embedded defaults message.</summary>
    public static bool HasEmbeddedDefault(Field field) =>
        !field.IsGroup && field.Type!.Kind is TypeKind.Struct or TypeKind.List && !field.DefaultValue.IsNullPointer;

    /// <summary>The fields of a struct and its groups, depth first, that need an embedded default.</summary>
    public static List<Field> EmbeddedDefaults(StructNode node)
    {
        var result = new List<Field>();
        foreach (var field in node.Fields)
        {
            if (field.IsGroup) result.AddRange(EmbeddedDefaults(field.Group!));
            else if (HasEmbeddedDefault(field)) result.Add(field);
        }
        return result;
    }
}
