using Pilot.Vision.Tensors;
using Pilot.Vision.Zoo.Detection;

namespace Pilot.Vision.Zoo.Tests;

public class BoxAndNmsTests
{
    [Fact]
    public void IoUOfCornerBoxesMatchesHandComputedAreas()
    {
        Assert.Equal(1f / 7, Box.IoU(new Box(0, 0, 2, 2), new Box(1, 1, 3, 3)), 6);   // inter 1, union 4 + 4 - 1
        Assert.Equal(0.25f, Box.IoU(new Box(0, 0, 4, 4), new Box(1, 1, 3, 3)), 6);     // contained: 4 / 16
        Assert.Equal(0f, Box.IoU(new Box(0, 0, 1, 1), new Box(1, 0, 2, 1)));            // touching edges share no area
        Assert.Equal(1f, Box.IoU(new Box(2, 3, 5, 7), new Box(2, 3, 5, 7)), 6);
    }

    [Fact]
    public void IoUOfCentreBoxesEqualsTheCornerForm()
    {
        Assert.Equal(1f / 7, Box.IoUCenter(1, 1, 2, 2, 2, 2, 2, 2), 6);
        var b = Box.FromCenter(5, 6, 4, 2);
        Assert.Equal(new Box(3, 5, 7, 7), b);
        Assert.Equal(0.5f, Box.ShapeIoU(2, 2, 2, 1), 6);   // centred: inter 2, union 4 + 2 - 2
    }

    private static readonly ScoredBox[] Candidates =
    [
        new(new Box(0, 0, 10, 10), 0.9f, 0),
        new(new Box(1, 1, 11, 11), 0.8f, 0),       // IoU 81/119 = 0.68 with the first: suppressed
        new(new Box(1, 1, 11, 11), 0.7f, 1),       // same place, other class
        new(new Box(20, 20, 30, 30), 0.6f, 0),
        new(new Box(50, 50, 60, 60), 0.0005f, 0),  // under the score threshold
    ];

    [Fact]
    public void NmsKeepsTheBestPerClassAndDropsLowScores()
    {
        var kept = NonMaxSuppression.Run(Candidates);
        Assert.Equal([0.9f, 0.7f, 0.6f], kept.Select(d => d.Score));
    }

    [Fact]
    public void NmsAcrossClassesAndWithADetectionCap()
    {
        Assert.Equal([0.9f, 0.6f], NonMaxSuppression.Run(Candidates, new NmsOptions { PerClass = false }).Select(d => d.Score));
        Assert.Equal([0.9f, 0.7f], NonMaxSuppression.Run(Candidates, new NmsOptions { MaxDetections = 2 }).Select(d => d.Score));
        Assert.Equal([0.9f, 0.8f, 0.7f, 0.6f], NonMaxSuppression.Run(Candidates, new NmsOptions { IoUThreshold = 0.7f }).Select(d => d.Score));
    }
}

public class AnchorTests
{
    private static readonly (float, float)[] Shapes = [(1, 1), (1, 1), (1.2f, 1.2f), (10, 5), (10, 5), (11, 5.5f)];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public void KMeansFindsTheTwoShapeClusters(int seed)
    {
        var r = AnchorBoxes.KMeans(Shapes, 2, seed);
        Assert.Equal(16f / 15, r.Anchors[0].Width, 4);   // mean of 1, 1, 1.2
        Assert.Equal(16f / 15, r.Anchors[0].Height, 4);
        Assert.Equal(31f / 3, r.Anchors[1].Width, 4);    // mean of 10, 10, 11
        Assert.Equal(31f / 6, r.Anchors[1].Height, 4);
        // (1,1) vs (16/15)^2: 1/(256/225) = 0.8789; (1.2)^2 vs: (256/225)/1.44 = 0.7901; (10,5) vs (31/3, 31/6): 50/53.39 = 0.9365; (11,5.5): 53.39/60.5 = 0.8825
        double expected = (2 * (225.0 / 256) + 256.0 / 225 / 1.44 + 2 * (50 / (31.0 / 3 * 31 / 6)) + 31.0 / 3 * 31 / 6 / 60.5) / 6;
        Assert.Equal(expected, r.MeanIoU, 4);
    }

    [Fact]
    public void KMeansRefusesBadInput()
    {
        Assert.Throws<ArgumentException>(() => AnchorBoxes.KMeans([(1, 1)], 2, 0));
        Assert.Throws<ArgumentException>(() => AnchorBoxes.KMeans([(1, 0), (2, 2)], 1, 0));
    }
}

public class YoloTests
{
    private static readonly YoloGrid Grid = new(2, [new Anchor(0.2f, 0.2f), new Anchor(0.6f, 0.3f)], 2);

    [Fact]
    public void EncodePutsTheBoxInItsCellAndBestAnchor()
    {
        var target = new float[Grid.TargetLengthPerImage];
        Grid.Encode([(Box.FromCenter(0.75f, 0.25f, 0.45f, 0.225f), 1)], target);
        // centre (0.75, 0.25) -> cell row 0, col 1; shape 0.45 x 0.225: centred IoU 0.101/0.18 = 0.5625 with anchor 1 (0.6 x 0.3), 0.04/0.101 = 0.395 with anchor 0
        int at = ((1 * 2 + 0) * 2 + 1) * YoloGrid.TargetFields;
        float[] expected = [1f, 0.5f, 0.5f, MathF.Log(0.75f), MathF.Log(0.75f), 1f];
        for (int i = 0; i < 6; i++) Assert.Equal(expected[i], target[at + i], 5);
        Assert.Equal(6, target.Count(v => v != 0));
    }

    [Fact]
    public void DecodeInvertsTheParameterisation()
    {
        var output = new float[Grid.Channels * 4];
        for (int a = 0; a < 2; a++) for (int cell = 0; cell < 4; cell++) output[(a * Grid.Fields + 4) * 4 + cell] = -10;  // no object
        int plane = 4, cellIdx = 0 * 2 + 1;
        void Set(int a, int f, float v) => output[(a * Grid.Fields + f) * plane + cellIdx] = v;
        Set(1, 2, MathF.Log(0.5f)); Set(1, 3, MathF.Log(0.5f)); Set(1, 4, 10); Set(1, 6, 5);
        var dets = Grid.Decode(output, 0.5f);
        var d = Assert.Single(dets);
        Assert.Equal(1, d.Class);
        Assert.Equal(0.75f, d.Box.CenterX, 5); Assert.Equal(0.25f, d.Box.CenterY, 5);
        Assert.Equal(0.3f, d.Box.Width, 5); Assert.Equal(0.15f, d.Box.Height, 5);
        Assert.Equal(1 / (1 + MathF.Exp(-10)) * (1 / (1 + MathF.Exp(-5))), d.Score, 5);
    }

    [Fact]
    public void LossOfAZeroHeadMatchesHandComputedTerms()
    {
        var grid = new YoloGrid(1, [new Anchor(0.5f, 0.5f)], 2);
        var loss = new YoloLoss(grid);
        var pred = Tensor.Create("p", 1, grid.Channels, 1, 1);
        var grad = Tensor.Create("g", 1, grid.Channels, 1, 1);
        float[] target = [1, 0.5f, 0.5f, 0, 0, 0];
        // sigmoid(0) = 0.5 hits the offsets, tw = th = 0 hit ln 1: coordinates 0; BCE(0, 1) = ln 2; class CE = ln 2
        Assert.Equal(2 * MathF.Log(2), loss.Compute(pred, target, grad), 5);
        Assert.Equal([0f, 0f, 0f, 0f, -0.5f, -0.5f, 0.5f], grad.ToArray());
        // no object: 0.5 * ln 2, gradient 0.5 * sigmoid(0) on the objectness only
        Assert.Equal(0.5f * MathF.Log(2), loss.Compute(pred, new float[6], grad), 5);
        Assert.Equal([0f, 0f, 0f, 0f, 0.25f, 0f, 0f], grad.ToArray());
    }

    [Fact]
    public void LossGradientMatchesFiniteDifferences()
    {
        var loss = new YoloLoss(Grid);
        var pred = Tensor.Create("p", 2, Grid.Channels, 2, 2);
        var grad = Tensor.Create("g", 2, Grid.Channels, 2, 2);
        var scratch = Tensor.Create("s", 2, Grid.Channels, 2, 2);
        var r = new Random(3);
        for (int i = 0; i < pred.Length; i++) pred.Span[i] = (float)(r.NextDouble() * 2 - 1);
        var target = new float[2 * Grid.TargetLengthPerImage];
        Grid.Encode([(Box.FromCenter(0.3f, 0.6f, 0.25f, 0.2f), 0)], target.AsSpan(0, Grid.TargetLengthPerImage));
        Grid.Encode([(Box.FromCenter(0.8f, 0.8f, 0.5f, 0.35f), 1), (Box.FromCenter(0.1f, 0.1f, 0.1f, 0.1f), 1)], target.AsSpan(Grid.TargetLengthPerImage));
        loss.Compute(pred, target, grad);
        var analytic = grad.ToArray();
        const float h = 1e-2f;
        for (int i = 0; i < pred.Length; i++)
        {
            float keep = pred.Span[i];
            pred.Span[i] = keep + h; double up = loss.Compute(pred, target, scratch);
            pred.Span[i] = keep - h; double down = loss.Compute(pred, target, scratch);
            pred.Span[i] = keep;
            Assert.True(Math.Abs((up - down) / (2 * h) - analytic[i]) < 2e-3, $"element {i}: numeric {(up - down) / (2 * h)} vs analytic {analytic[i]}");
        }
    }
}

public class AveragePrecisionTests
{
    private static readonly ScoredBox[] Truths = [new(new Box(0, 0, 10, 10), 1, 0), new(new Box(20, 20, 30, 30), 1, 0)];

    // TP (0.9), FP (0.8), TP (0.7): precision 1, 1/2, 2/3 at recall 1/2, 1/2, 1
    private static ScoredBox[] Detections(float thirdBoxBottom) =>
        [new(new Box(0, 0, 10, 10), 0.9f, 0), new(new Box(50, 50, 60, 60), 0.8f, 0), new(new Box(20, 20, 30, thirdBoxBottom), 0.7f, 0)];

    [Fact]
    public void VocAllPointIsTheAreaUnderTheEnvelope() =>
        Assert.Equal(0.5 * 1 + 0.5 * 2.0 / 3, AveragePrecision.VocMap(Detections(30), Truths, elevenPoint: false), 6);

    [Fact]
    public void VocElevenPointAveragesElevenRecallLevels() =>
        Assert.Equal((6 * 1 + 5 * 2.0 / 3) / 11, AveragePrecision.VocMap(Detections(30), Truths, elevenPoint: true), 6);

    [Fact]
    public void Coco101PointInterpolation()
    {
        // recall levels 0..0.50 (51 of them) see precision 1, 0.51..1.00 (50) see 2/3
        double expected = (51 + 50 * 2.0 / 3) / 101;
        Assert.Equal(expected, AveragePrecision.CocoMapAt(Detections(30), Truths, 0.5), 6);
        Assert.Equal(expected, AveragePrecision.CocoMap(Detections(30), Truths), 6);   // IoUs are 1 or 0: every threshold agrees
    }

    [Fact]
    public void CocoAveragesOverTenIoUThresholds()
    {
        // third box IoU 62/100 = 0.62: a hit at 0.50, 0.55, 0.60; at the seven stricter thresholds only recall 1/2 is reached (AP 51/101)
        double expected = (3 * (51 + 50 * 2.0 / 3) / 101 + 7 * 51.0 / 101) / 10;
        Assert.Equal(expected, AveragePrecision.CocoMap(Detections(26.2f), Truths), 5);
    }

    [Fact]
    public void VocAndCocoMatchingDifferOnAnAlreadyMatchedTruth()
    {
        ScoredBox[] truths = [new(new Box(0, 0, 10, 10), 1, 0), new(new Box(5, 0, 15, 10), 1, 0)];
        // second detection: IoU 0.667 with the (taken) first truth, 0.538 with the free second one
        ScoredBox[] dets = [new(new Box(0, 0, 10, 10), 0.9f, 0), new(new Box(2, 0, 12, 10), 0.8f, 0)];
        Assert.Equal(0.5, AveragePrecision.VocMap(dets, truths, elevenPoint: false), 6);   // VOC: a duplicate of the first truth
        Assert.Equal(1.0, AveragePrecision.CocoMapAt(dets, truths, 0.5), 6);               // COCO: matches the free truth
    }

    [Fact]
    public void ClassesAndImagesAreEvaluatedSeparately()
    {
        ScoredBox[] truths = [new(new Box(0, 0, 10, 10), 1, 0, Image: 0), new(new Box(0, 0, 10, 10), 1, 1, Image: 1)];
        // right place on the wrong image for class 1, and right everything for class 0: AP 1 and 0
        ScoredBox[] dets = [new(new Box(0, 0, 10, 10), 0.9f, 0, Image: 0), new(new Box(0, 0, 10, 10), 0.9f, 1, Image: 0)];
        Assert.Equal(0.5, AveragePrecision.VocMap(dets, truths, elevenPoint: false), 6);
    }
}
