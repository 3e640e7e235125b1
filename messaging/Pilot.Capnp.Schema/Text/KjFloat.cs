using System.Globalization;

namespace Pilot.Capnp.Schema.Text;

/// <summary>
/// Formats floating-point values exactly as the reference implementation's text output does (kj's FloatToBuffer and
/// DoubleToBuffer): <c>%.6g</c> (float) or <c>%.15g</c> (double), widened to <c>%.8g</c> / <c>%.17g</c> when the short
/// form does not read back to the same value, then with the '+' of the exponent removed (<c>1e10</c>, <c>1.5e-07</c>).
/// </summary>
public static class KjFloat
{
    private const int FloatDigits = 6, FloatWideDigits = 8;     // FLT_DIG and FLT_DIG + 2 in kj/string.c++
    private const int DoubleDigits = 15, DoubleWideDigits = 17; // DBL_DIG and DBL_DIG + 2

    public static string Format(float value)
    {
        if (float.IsPositiveInfinity(value)) return "inf";
        if (float.IsNegativeInfinity(value)) return "-inf";
        if (float.IsNaN(value)) return "nan";
        string text = FormatG(value, FloatDigits);
        // kj checks with strtof, which also fails (ERANGE) when the text reads back as a subnormal number.
        float parsed = float.Parse(text, CultureInfo.InvariantCulture);
        bool underflow = parsed != 0 && float.IsSubnormal(parsed) || parsed == 0 && value != 0;
        if (parsed != value || underflow) text = FormatG(value, FloatWideDigits);
        return text;
    }

    public static string Format(double value)
    {
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        if (double.IsNaN(value)) return "nan";
        string text = FormatG(value, DoubleDigits);
        // kj checks doubles with plain strtod (no range check).
        if (double.Parse(text, CultureInfo.InvariantCulture) != value) text = FormatG(value, DoubleWideDigits);
        return text;
    }

    /// <summary>C's <c>%.{precision}g</c> without the exponent's '+' sign.</summary>
    internal static string FormatG(double value, int precision)
    {
        // "E" formatting rounds correctly to precision significant digits: d.ddddE+xxx.
        string e = value.ToString("E" + (precision - 1), CultureInfo.InvariantCulture);
        bool negative = e[0] == '-';
        if (negative) e = e[1..];
        int ePos = e.IndexOf('E');
        string digits = e[..ePos].Replace(".", "");
        int exponent = int.Parse(e[(ePos + 1)..], CultureInfo.InvariantCulture);
        string sign = negative ? "-" : "";
        if (value == 0) return sign + "0";
        if (exponent < -4 || exponent >= precision)
        {
            string mantissa = TrimFraction(digits[..1] + "." + digits[1..]);
            string exp = Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "") + exp;
        }
        string fixedText = exponent >= 0
            ? digits[..(exponent + 1)] + "." + digits[(exponent + 1)..]
            : "0." + new string('0', -exponent - 1) + digits;
        return sign + TrimFraction(fixedText);
    }

    private static string TrimFraction(string text)
    {
        if (!text.Contains('.')) return text;
        text = text.TrimEnd('0');
        return text.EndsWith('.') ? text[..^1] : text;
    }
}
