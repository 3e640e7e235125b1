using System.Text;

namespace Pilot.Capnp.Compiler;

/// <summary>C# names for schema names: PascalCase for types and members, escaped keywords, unique within a scope.</summary>
internal static class Naming
{
    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    ];

    /// <summary><c>fooBar</c>, <c>foo_bar</c> → <c>FooBar</c>; a leading digit gets an underscore.</summary>
    public static string Pascal(string name)
    {
        var result = new StringBuilder(name.Length);
        bool upper = true;
        foreach (char c in name)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }
            result.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        if (result.Length == 0 || char.IsDigit(result[0])) result.Insert(0, '_');
        return result.ToString();
    }

    /// <summary><c>@name</c> when the name is a C# keyword.</summary>
    public static string Escape(string name) => Keywords.Contains(name) ? "@" + name : name;

    /// <summary>A file's stem in PascalCase: <c>car_state.capnp</c> → <c>CarState</c>.</summary>
    public static string FileStem(string fileName)
    {
        string stem = Path.GetFileName(fileName);
        int dot = stem.IndexOf('.');
        return Pascal((dot > 0 ? stem[..dot] : stem).Replace('-', '_'));
    }
}

/// <summary>Hands out names that are unique within one C# scope, suffixing clashes deterministically.</summary>
internal sealed class NameScope
{
    private readonly HashSet<string> taken;

    public NameScope(IEnumerable<string> reserved) => taken = new HashSet<string>(reserved, StringComparer.Ordinal);

    public string Claim(string wanted)
    {
        string name = wanted;
        for (int n = 2; !taken.Add(name); n++) name = wanted + n;
        return name;
    }
}
