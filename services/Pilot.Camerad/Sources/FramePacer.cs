namespace Pilot.Camerad.Sources;

/// <summary>
/// The frame schedule of a source without its own clock (a video file, the renderer): frame k is due at
/// start + k·period, start being the first poll. A poll returns the newest due frame; frames whose time passed while the
/// loop was late are skipped, so the stream keeps real time and the skips show as frame-id gaps downstream.
/// </summary>
public sealed class FramePacer(double rateHz)
{
    private long _startNs = long.MinValue;
    private long _next;   // id of the next frame not yet delivered

    public long PeriodNs { get; } = (long)Math.Round(1e9 / rateHz);

    /// <summary>The newest frame due at <paramref name="nowNs"/> that was not delivered yet; false when none is due.</summary>
    public bool TryDue(long nowNs, out long frameId, out long dueNs)
    {
        if (_startNs == long.MinValue) _startNs = nowNs;
        long newest = (nowNs - _startNs) / PeriodNs;
        if (newest < _next) { frameId = dueNs = 0; return false; }
        frameId = newest;
        dueNs = _startNs + newest * PeriodNs;
        _next = newest + 1;
        return true;
    }
}
