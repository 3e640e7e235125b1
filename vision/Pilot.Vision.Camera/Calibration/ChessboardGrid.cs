namespace Pilot.Vision.Camera.Calibration;

/// <summary>
/// Assembles candidate corners into the board's grid of inner corners. From a seed near the middle it takes the two
/// grid directions from the nearest neighbours, then grows row by row and column by column, predicting each next
/// corner by linear extrapolation from the two before it (which follows lens curvature and perspective) and snapping
/// to the nearest unused candidate within a fraction of the local spacing.
/// </summary>
public static class ChessboardGrid
{
    /// <summary>A candidate must lie within this fraction of the local grid step of the prediction.</summary>
    public const double SnapTolerance = 0.3;

    /// <summary>
    /// The corners as a [rows, columns] array in grid order (each row along the board's longer side when
    /// <paramref name="columns"/> ≥ <paramref name="rows"/>), or null when no seed grows into exactly that grid.
    /// </summary>
    public static (double X, double Y)[,]? Assemble(IReadOnlyList<(double X, double Y)> candidates, int columns, int rows)
    {
        if (candidates.Count < columns * rows) return null;
        double mx = candidates.Average(c => c.X), my = candidates.Average(c => c.Y);
        // Try seeds nearest the middle first: the middle of a board is the most likely to have clean neighbours.
        foreach (int seed in Enumerable.Range(0, candidates.Count)
                     .OrderBy(i => Sq(candidates[i].X - mx) + Sq(candidates[i].Y - my)).Take(8))
        {
            var grown = Grow(candidates, seed);
            var grid = grown is null ? null : ToArray(grown, candidates, columns, rows);
            if (grid is not null) return grid;
        }
        return null;
    }

    private static Dictionary<(int I, int J), int>? Grow(IReadOnlyList<(double X, double Y)> points, int seed)
    {
        var neighbours = Enumerable.Range(0, points.Count).Where(i => i != seed)
            .OrderBy(i => Distance2(points[i], points[seed])).Take(8).ToList();
        if (neighbours.Count < 4) return null;
        var u = Sub(points[neighbours[0]], points[seed]);
        // The second direction: the nearest neighbour well off the first direction's line.
        int second = neighbours.Skip(1).FirstOrDefault(i => Math.Abs(Cos(Sub(points[i], points[seed]), u)) < 0.5, -1);
        if (second < 0) return null;
        var v = Sub(points[second], points[seed]);

        var cells = new Dictionary<(int, int), int> { [(0, 0)] = seed };
        var used = new HashSet<int> { seed };
        (int, int)[] directions = [(1, 0), (-1, 0), (0, 1), (0, -1)];
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (var ((i, j), index) in cells.ToList())
                foreach (var (di, dj) in directions)
                {
                    var next = (i + di, j + dj);
                    if (cells.ContainsKey(next)) continue;
                    var step = LocalStep(cells, points, i, j, di, dj, u, v);
                    var p = points[index];
                    var predicted = (p.X + step.X, p.Y + step.Y);
                    int best = Nearest(points, predicted, used);
                    if (best < 0 || Distance2(points[best], predicted) > Sq(SnapTolerance) * (Sq(step.X) + Sq(step.Y))) continue;
                    cells[next] = best;
                    used.Add(best);
                    grew = true;
                }
        }
        return cells;
    }

    /// <summary>The expected step from (i, j) towards (i+di, j+dj): from the corner behind it when known,
    /// else from a neighbouring row/column that already made that step, else the seed's direction.</summary>
    private static (double X, double Y) LocalStep(Dictionary<(int, int), int> cells, IReadOnlyList<(double X, double Y)> points,
        int i, int j, int di, int dj, (double X, double Y) u, (double X, double Y) v)
    {
        var here = points[cells[(i, j)]];
        if (cells.TryGetValue((i - di, j - dj), out int behind)) return Sub(here, points[behind]);
        foreach (int side in new[] { 1, -1 })
        {
            var (si, sj) = di != 0 ? (i, j + side) : (i + side, j);
            if (cells.TryGetValue((si, sj), out int a) && cells.TryGetValue((si + di, sj + dj), out int b))
                return Sub(points[b], points[a]);
        }
        var d = di != 0 ? u : v;
        int sign = di + dj;
        return (sign * d.X, sign * d.Y);
    }

    private static (double X, double Y)[,]? ToArray(Dictionary<(int I, int J), int> cells, IReadOnlyList<(double X, double Y)> points, int columns, int rows)
    {
        int iMin = cells.Keys.Min(k => k.I), iMax = cells.Keys.Max(k => k.I);
        int jMin = cells.Keys.Min(k => k.J), jMax = cells.Keys.Max(k => k.J);
        int ni = iMax - iMin + 1, nj = jMax - jMin + 1;
        if (cells.Count != columns * rows) return null;
        bool transpose;
        if (ni == columns && nj == rows) transpose = false;
        else if (ni == rows && nj == columns) transpose = true;
        else return null;
        var grid = new (double X, double Y)[rows, columns];
        foreach (var ((i, j), index) in cells)
        {
            int a = i - iMin, b = j - jMin;
            if (transpose) grid[a, b] = points[index];
            else grid[b, a] = points[index];
        }
        return grid;
    }

    private static int Nearest(IReadOnlyList<(double X, double Y)> points, (double X, double Y) p, HashSet<int> used)
    {
        int best = -1;
        double bestD = double.MaxValue;
        for (int k = 0; k < points.Count; k++)
        {
            if (used.Contains(k)) continue;
            double d = Distance2(points[k], p);
            if (d < bestD) (best, bestD) = (k, d);
        }
        return best;
    }

    private static (double X, double Y) Sub((double X, double Y) a, (double X, double Y) b) => (a.X - b.X, a.Y - b.Y);
    private static double Sq(double x) => x * x;
    private static double Distance2((double X, double Y) a, (double X, double Y) b) => Sq(a.X - b.X) + Sq(a.Y - b.Y);
    private static double Cos((double X, double Y) a, (double X, double Y) b) =>
        (a.X * b.X + a.Y * b.Y) / Math.Sqrt((Sq(a.X) + Sq(a.Y)) * (Sq(b.X) + Sq(b.Y)));
}
