namespace Pilot.Modeld.Inference;

/// <summary>
/// Share of camera frames modeld did not run on, over its last <see cref="Window"/> runs (one second at 20 Hz): each run
/// covers the frame ids since the previous run, all but the one it used were dropped (by the camera, the pool or modeld).
/// </summary>
public sealed class FrameDropWindow
{
    public const int Window = 20;

    private readonly int[] _spans = new int[Window];   // frame ids each run covered (1 = no drop)
    private int _count, _next, _sum;
    private uint? _last;

    /// <summary>Records a run on frame <paramref name="frameId"/>; returns the dropped share over the window, percent.</summary>
    public float Add(uint frameId)
    {
        int span = _last is uint last && frameId > last ? (int)Math.Min(frameId - last, 1000) : 1;
        _last = frameId;
        if (_count == Window) _sum -= _spans[_next];
        else _count++;
        _spans[_next] = span;
        _sum += span;
        _next = (_next + 1) % Window;
        return 100f * (_sum - _count) / _sum;
    }
}
