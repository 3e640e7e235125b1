using System.Text;

namespace Pilot.Vision.Data.Metrics;

/// <summary>
/// Counts of (actual class, predicted class) pairs, with per-class precision and recall and a readable table.
/// Rows are actual classes, columns predicted ones (scikit-learn's layout).
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[] _counts;   // [Classes, Classes]: actual × predicted

    public int Classes { get; }
    public IReadOnlyList<string> ClassNames { get; }

    public ConfusionMatrix(int classes, IReadOnlyList<string>? classNames = null)
    {
        if (classes <= 0) throw new ArgumentOutOfRangeException(nameof(classes), classes, "must be positive");
        if (classNames is not null && classNames.Count != classes)
            throw new ArgumentException($"{classNames.Count} class names for {classes} classes", nameof(classNames));
        Classes = classes;
        ClassNames = classNames ?? Enumerable.Range(0, classes).Select(c => c.ToString()).ToArray();
        _counts = new long[classes * classes];
    }

    public long this[int actual, int predicted] => _counts[Index(actual, predicted)];

    public long Total { get; private set; }

    public void Add(int actual, int predicted)
    {
        _counts[Index(actual, predicted)]++;
        Total++;
    }

    /// <summary>Adds every row of a batch: prediction = argmax of its scores ([N, Classes]).</summary>
    public void AddBatch(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels)
    {
        Metrics.Accuracy.CheckShape(scores.Length, labels.Length, Classes);
        for (int n = 0; n < labels.Length; n++)
            Add(labels[n], Metrics.Accuracy.ArgMax(scores.Slice(n * Classes, Classes)));
    }

    public void Reset()
    {
        Array.Clear(_counts);
        Total = 0;
    }

    public long Correct
    {
        get
        {
            long sum = 0;
            for (int c = 0; c < Classes; c++) sum += this[c, c];
            return sum;
        }
    }

    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;

    /// <summary>Of the samples predicted as <paramref name="c"/>, the fraction that are; NaN when none was predicted.</summary>
    public double Precision(int c)
    {
        long predicted = 0;
        for (int a = 0; a < Classes; a++) predicted += this[a, c];
        return predicted == 0 ? double.NaN : (double)this[c, c] / predicted;
    }

    /// <summary>Of the samples of class <paramref name="c"/>, the fraction predicted as it; NaN when it has none.</summary>
    public double Recall(int c)
    {
        long actual = 0;
        for (int p = 0; p < Classes; p++) actual += this[c, p];
        return actual == 0 ? double.NaN : (double)this[c, c] / actual;
    }

    /// <summary>The matrix as fixed-width text: one row per actual class, then precision and recall columns.</summary>
    public string ToTable()
    {
        int nameWidth = Math.Max("actual \\ predicted".Length, ClassNames.Max(n => n.Length));
        int cell = Math.Max(6, Math.Max(_counts.Max().ToString().Length, Classes.ToString().Length) + 1);
        var text = new StringBuilder();
        text.Append("actual \\ predicted".PadRight(nameWidth));
        for (int p = 0; p < Classes; p++) text.Append(p.ToString().PadLeft(cell));
        text.Append("  precision  recall").AppendLine();
        for (int a = 0; a < Classes; a++)
        {
            text.Append($"{a} {ClassNames[a]}".PadRight(nameWidth));
            for (int p = 0; p < Classes; p++) text.Append(this[a, p].ToString().PadLeft(cell));
            text.Append(Percent(Precision(a)).PadLeft(11)).Append(Percent(Recall(a)).PadLeft(8)).AppendLine();
        }
        text.Append($"accuracy {Percent(Accuracy)} of {Total}").AppendLine();
        return text.ToString();
    }

    private static string Percent(double value) => double.IsNaN(value) ? "-" : $"{value * 100:F1}%";

    private int Index(int actual, int predicted)
    {
        if ((uint)actual >= (uint)Classes || (uint)predicted >= (uint)Classes)
            throw new ArgumentOutOfRangeException(nameof(actual), $"class pair ({actual}, {predicted}) outside 0..{Classes - 1}");
        return actual * Classes + predicted;
    }
}
