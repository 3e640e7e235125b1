using Pilot.Vision.Backends;
using Pilot.Vision.Backends.Cpu;

namespace Pilot.Vision.Zoo.Detection;

/// <summary>
/// The YOLOv2-style grid head layout (Redmon and Farhadi 2017): an S x S grid, A anchors per cell, C classes. The
/// head's output is [N, A*(5+C), S, S] (a 1x1 convolution's output); channel a*(5+C)+f holds field f of anchor a:
/// tx, ty, tw, th, objectness logit, then C class logits. A box decodes as cx = (col + sigmoid(tx)) / S,
/// cy = (row + sigmoid(ty)) / S, w = anchor.w * exp(tw), h = anchor.h * exp(th), boxes and anchors in fractions of
/// the image. Targets are [N, A, S, S, 6]: responsible flag, x offset in the cell, y offset, ln(w / anchor.w),
/// ln(h / anchor.h), class.
/// </summary>
public sealed class YoloGrid
{
    public const int TargetFields = 6;

    public YoloGrid(int gridSize, IReadOnlyList<Anchor> anchors, int classes)
    {
        if (gridSize <= 0) throw new ArgumentOutOfRangeException(nameof(gridSize), gridSize, "grid size must be positive");
        if (anchors.Count == 0) throw new ArgumentException("a YOLO grid needs at least one anchor");
        if (classes <= 0) throw new ArgumentOutOfRangeException(nameof(classes), classes, "class count must be positive");
        GridSize = gridSize; Anchors = anchors.ToArray(); Classes = classes;
    }

    public int GridSize { get; }
    public Anchor[] Anchors { get; }
    public int Classes { get; }
    public int Fields => 5 + Classes;
    /// <summary>Channels of the head output: A * (5 + C).</summary>
    public int Channels => Anchors.Length * Fields;
    public int TargetLengthPerImage => Anchors.Length * GridSize * GridSize * TargetFields;

    /// <summary>
    /// Writes one image's target [A, S, S, 6]. Each box goes to the cell holding its centre and to the anchor of the
    /// best centred shape IoU; when two boxes land on the same cell and anchor, the later one wins (as in darknet).
    /// </summary>
    public void Encode(IReadOnlyList<(Box Box, int Class)> boxes, Span<float> target)
    {
        if (target.Length != TargetLengthPerImage) throw new ArgumentException($"YOLO target needs {TargetLengthPerImage} floats, got {target.Length}");
        target.Clear();
        int s = GridSize;
        for (int i = 0; i < boxes.Count; i++)
        {
            var (box, cls) = boxes[i];
            if (cls < 0 || cls >= Classes) throw new ArgumentException($"box {i}: class {cls} is outside 0..{Classes - 1}");
            if (!(box.Width > 0 && box.Height > 0)) throw new ArgumentException($"box {i}: {box} has no area");
            float gx = box.CenterX * s, gy = box.CenterY * s;
            if (gx < 0 || gy < 0 || gx >= s || gy >= s) throw new ArgumentException($"box {i}: centre ({box.CenterX}, {box.CenterY}) lies outside the image [0, 1)");
            int col = (int)gx, row = (int)gy;
            int a = AnchorBoxes.Nearest((box.Width, box.Height), Anchors).Index;
            var t = target.Slice(((a * s + row) * s + col) * TargetFields, TargetFields);
            t[0] = 1;
            t[1] = gx - col;
            t[2] = gy - row;
            t[3] = MathF.Log(box.Width / Anchors[a].Width);
            t[4] = MathF.Log(box.Height / Anchors[a].Height);
            t[5] = cls;
        }
    }

    /// <summary>
    /// Decodes one image's head output [A*(5+C), S, S] into detections scored sigmoid(objectness) * softmax(class),
    /// the best class per box, keeping scores at or above <paramref name="scoreThreshold"/> (before NMS).
    /// </summary>
    public List<ScoredBox> Decode(ReadOnlySpan<float> output, float scoreThreshold, int image = 0)
    {
        int s = GridSize, plane = s * s;
        if (output.Length != Channels * plane) throw new ArgumentException($"YOLO output needs {Channels * plane} floats ([{Channels}, {s}, {s}]), got {output.Length}");
        var result = new List<ScoredBox>();
        Span<float> probs = stackalloc float[Classes];
        Span<float> logits = stackalloc float[Classes];
        for (int a = 0; a < Anchors.Length; a++)
            for (int row = 0; row < s; row++)
                for (int col = 0; col < s; col++)
                {
                    int cell = row * s + col, baseAt = a * Fields * plane + cell;   // field f at baseAt + f * plane
                    float obj = Sigmoid(output[baseAt + 4 * plane]);
                    for (int c = 0; c < Classes; c++) logits[c] = output[baseAt + (5 + c) * plane];
                    Ops.Softmax.Row(logits, probs, log: false);
                    int best = 0;
                    for (int c = 1; c < Classes; c++) if (probs[c] > probs[best]) best = c;
                    float score = obj * probs[best];
                    if (score < scoreThreshold) continue;
                    var box = Box.FromCenter((col + Sigmoid(output[baseAt])) / s, (row + Sigmoid(output[baseAt + plane])) / s,
                        Anchors[a].Width * MathF.Exp(output[baseAt + 2 * plane]), Anchors[a].Height * MathF.Exp(output[baseAt + 3 * plane]));
                    result.Add(new ScoredBox(box, score, best, image));
                }
        return result;
    }

    internal static float Sigmoid(float x) => ActivationMath.Forward(ActivationKind.Sigmoid, 0, x);
}
