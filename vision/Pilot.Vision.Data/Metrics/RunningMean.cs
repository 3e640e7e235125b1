namespace Pilot.Vision.Data.Metrics;

/// <summary>
/// Mean of a stream of values, optionally weighted (e.g. a batch's mean loss weighted by its size, so a short last
/// batch counts for what it holds). Kahan-summed in double so long epochs do not drift. A class, not a struct, so
/// that a copy held in a field or passed along never silently stops accumulating.
/// </summary>
public sealed class RunningMean
{
    private double _sum, _compensation, _weight;

    /// <summary>Number of <see cref="Add"/> calls since the last reset.</summary>
    public long Count { get; private set; }

    public double Mean => _weight > 0 ? _sum / _weight : double.NaN;

    public double TotalWeight => _weight;

    public void Add(double value, double weight = 1)
    {
        if (weight < 0 || double.IsNaN(weight)) throw new ArgumentOutOfRangeException(nameof(weight), weight, "must be ≥ 0");
        double term = value * weight - _compensation;
        double sum = _sum + term;
        _compensation = sum - _sum - term;
        _sum = sum;
        _weight += weight;
        Count++;
    }

    public void Reset()
    {
        _sum = _compensation = _weight = 0;
        Count = 0;
    }
}
