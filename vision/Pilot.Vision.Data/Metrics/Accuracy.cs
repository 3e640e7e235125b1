namespace Pilot.Vision.Data.Metrics;

/// <summary>
/// Classification correctness from scores (logits or probabilities, [N, classes] row-major) and labels ([N]).
/// Ranking breaks ties towards the lower class index, as argmax and a stable descending sort do, so top-1 equals
/// "argmax == label".
/// </summary>
public static class Accuracy
{
    /// <summary>Index of the largest score (first one on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        if (scores.IsEmpty) throw new ArgumentException("no scores", nameof(scores));
        int best = 0;
        for (int k = 1; k < scores.Length; k++)
            if (scores[k] > scores[best]) best = k;
        return best;
    }

    /// <summary>How many rows rank their label first.</summary>
    public static int CountCorrect(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels, int classes) =>
        CountTopK(scores, labels, classes, 1);

    /// <summary>How many rows rank their label among the <paramref name="k"/> best.</summary>
    public static int CountTopK(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels, int classes, int k)
    {
        CheckShape(scores.Length, labels.Length, classes);
        if (k <= 0) throw new ArgumentOutOfRangeException(nameof(k), k, "must be positive");
        int correct = 0;
        for (int n = 0; n < labels.Length; n++)
        {
            var row = scores.Slice(n * classes, classes);
            int label = labels[n];
            if ((uint)label >= (uint)classes)
                throw new ArgumentException($"label {label} of row {n} is outside the {classes} classes", nameof(labels));
            float own = row[label];
            int ahead = 0;   // classes ranked before the label
            for (int c = 0; c < classes; c++)
                if (row[c] > own || (row[c] == own && c < label)) ahead++;
            if (ahead < k) correct++;
        }
        return correct;
    }

    /// <summary>Fraction of rows whose label ranks first.</summary>
    public static double Of(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels, int classes) =>
        labels.IsEmpty ? 0 : (double)CountCorrect(scores, labels, classes) / labels.Length;

    /// <summary>Fraction of rows whose label ranks among the <paramref name="k"/> best.</summary>
    public static double TopK(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels, int classes, int k) =>
        labels.IsEmpty ? 0 : (double)CountTopK(scores, labels, classes, k) / labels.Length;

    internal static void CheckShape(int scores, int labels, int classes)
    {
        if (classes <= 0 || scores != (long)labels * classes)
            throw new ArgumentException($"{scores} scores are not [{labels} rows, {classes} classes]");
    }
}
