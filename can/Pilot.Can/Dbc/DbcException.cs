using System.Diagnostics.CodeAnalysis;

namespace Pilot.Can.Dbc;

/// <summary>A DBC file is malformed or exceeds a <see cref="DbcLimits"/> limit; says which file, where, and what was expected.</summary>
public sealed class DbcException : CanException
{
    public DbcException(string file, int line, int column, string problem)
        : base($"{file}:{line}:{column}: {problem}")
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file name (or "&lt;string&gt;" for text parsed from memory).</summary>
    public string File { get; }

    /// <summary>1-based line of the offending token.</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending token.</summary>
    public int Column { get; }

    /// <summary>What was wrong, without the position prefix.</summary>
    public string Problem { get; }

    /// <summary>Cold throw helper so that the parser's hot loops stay small.</summary>
    [DoesNotReturn]
    internal static void Throw(string file, int line, int column, string problem) =>
        throw new DbcException(file, line, column, problem);
}
