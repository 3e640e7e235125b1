using System.Diagnostics.CodeAnalysis;

namespace Pilot.Can.Logs;

/// <summary>A CAN log is malformed: names the file, and the line (text formats) or byte offset (BLF) of the problem.</summary>
public sealed class CanLogException : CanException
{
    public CanLogException(string file, long position, bool isLine, string problem)
        : base($"{file}:{(isLine ? "line " : "offset ")}{position}: {problem}")
    {
        File = file;
        Line = isLine ? position : null;
        Offset = isLine ? null : position;
        Problem = problem;
    }

    public string File { get; }

    /// <summary>1-based line for text logs.</summary>
    public long? Line { get; }

    /// <summary>Byte offset for binary logs.</summary>
    public long? Offset { get; }

    public string Problem { get; }

    [DoesNotReturn]
    internal static void AtLine(string file, long line, string problem) => throw new CanLogException(file, line, true, problem);

    [DoesNotReturn]
    internal static void AtOffset(string file, long offset, string problem) => throw new CanLogException(file, offset, false, problem);
}
