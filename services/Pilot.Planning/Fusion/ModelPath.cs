namespace Pilot.Planning.Fusion;

/// <summary>
/// The model's planned path as lateral offset against distance (modelV2.position x/y, y positive left), for the lateral
/// distance of a lead to the path. Fixed capacity, refilled in place each frame.
/// </summary>
public sealed class ModelPath(int capacity = ModelPath.DefaultCapacity)
{
    public const int DefaultCapacity = 33;   // modelV2 points per trajectory (ARCHITECTURE.md)

    private readonly double[] _x = new double[capacity];   // [points] m forward from the camera, non-decreasing
    private readonly double[] _y = new double[capacity];   // [points] m, positive left
    public int Count { get; private set; }

    /// <summary>
    /// Appends a point; false (and the point is dropped) when the path is full, the point is not finite, or x goes
    /// backwards (a path does not turn around within the model's 10 s): the caller stops there.
    /// </summary>
    public bool Add(double x, double y)
    {
        if (Count == _x.Length || !double.IsFinite(x) || !double.IsFinite(y) || (Count > 0 && x < _x[Count - 1])) return false;
        _x[Count] = x;
        _y[Count] = y;
        Count++;
        return true;
    }

    public void Clear() => Count = 0;

    /// <summary>Lateral offset of the path at <paramref name="x"/> m from the camera (held flat past either end; 0 with no path).</summary>
    public double OffsetAt(double x)
    {
        if (Count == 0) return 0;
        if (x <= _x[0]) return _y[0];
        for (int i = 1; i < Count; i++)
            if (x <= _x[i])
            {
                double span = _x[i] - _x[i - 1];
                return span <= 0 ? _y[i] : _y[i - 1] + (_y[i] - _y[i - 1]) * (x - _x[i - 1]) / span;
            }
        return _y[Count - 1];
    }
}
