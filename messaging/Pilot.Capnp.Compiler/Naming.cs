using System.Text;

namespace Pilot.Capnp.Compiler;

/// <summary>
/// C# names for schema names: PascalCase for types and members (C# keywords are all lower case, so a PascalCase name
/// never is one); <see cref="NameScope"/> keeps them unique.
/// </summary>
internal static class Naming
{
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
