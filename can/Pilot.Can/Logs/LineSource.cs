using System.Diagnostics.CodeAnalysis;

namespace Pilot.Can.Logs;

/// <summary>Reads lines with their 1-based numbers, enforcing <see cref="CanLogLimits.MaxLineLength"/>.</summary>
internal sealed class LineSource(TextReader reader, string file, CanLogLimits limits)
{
    private readonly char[] _buffer = new char[limits.MaxLineLength];

    public string File { get; } = file;
    public long Number { get; private set; }

    /// <summary>The next line without its terminator, or null at the end.</summary>
    public string? Next()
    {
        int n = 0;
        bool any = false;
        while (true)
        {
            int c = reader.Read();
            if (c < 0)
            {
                if (!any) return null;
                break;
            }
            any = true;
            if (c == '\n') break;
            if (c == '\r')
            {
                if (reader.Peek() == '\n') reader.Read();
                break;
            }
            if (n >= _buffer.Length)
                CanLogException.AtLine(File, Number + 1, $"line longer than CanLogLimits.MaxLineLength ({_buffer.Length} characters)");
            _buffer[n++] = (char)c;
        }
        Number++;
        return new string(_buffer, 0, n);
    }

    [DoesNotReturn]
    public void Fail(string problem) => CanLogException.AtLine(File, Number, problem);

    /// <summary>Parses a hexadecimal (or decimal) field, failing with the line number.</summary>
    public uint ParseUInt(string text, int numberBase, string what)
    {
        try
        {
            ulong v = Convert.ToUInt64(text, numberBase);
            if (v > uint.MaxValue) Fail($"{what} '{text}' is out of range");
            return (uint)v;
        }
        catch (FormatException) { Fail($"expected {what}, found '{Short(text)}'"); }
        catch (OverflowException) { Fail($"{what} '{Short(text)}' is out of range"); }
        catch (ArgumentException) { Fail($"expected {what}, found '{Short(text)}'"); }
        return 0;
    }

    public double ParseDouble(string text, string what)
    {
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double d) || !double.IsFinite(d))
            Fail($"expected {what}, found '{Short(text)}'");
        return d;
    }

    public static string Short(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
