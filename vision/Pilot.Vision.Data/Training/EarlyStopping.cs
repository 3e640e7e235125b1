namespace Pilot.Vision.Data.Training;

/// <summary>
/// Stops training when a monitored metric has not improved by more than <see cref="MinDelta"/> for
/// <see cref="Patience"/> consecutive epochs (Keras' EarlyStopping semantics).
/// </summary>
public sealed class EarlyStopping
{
    public int Patience { get; }
    public double MinDelta { get; }
    public MetricMode Mode { get; }

    public double? Best { get; private set; }

    /// <summary>The epoch (as passed to <see cref="Update"/>) that gave <see cref="Best"/>; −1 before the first.</summary>
    public int BestEpoch { get; private set; } = -1;

    /// <summary>Epochs since the last improvement.</summary>
    public int EpochsWithoutImprovement { get; private set; }

    public bool ShouldStop => EpochsWithoutImprovement >= Patience;

    public EarlyStopping(int patience, MetricMode mode, double minDelta = 0)
    {
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience, "must be at least 1");
        if (minDelta < 0) throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, "must be ≥ 0");
        Patience = patience;
        Mode = mode;
        MinDelta = minDelta;
    }

    /// <summary>Records an epoch's metric; returns true when training should stop.</summary>
    public bool Update(int epoch, double value)
    {
        if (Mode.IsImprovement(value, Best, MinDelta))
        {
            Best = value;
            BestEpoch = epoch;
            EpochsWithoutImprovement = 0;
        }
        else
        {
            EpochsWithoutImprovement++;
        }
        return ShouldStop;
    }
}
