using System.Diagnostics;

namespace Pilot.Vision.Data.Training;

/// <summary>
/// A one-line progress bar for a known number of steps ("epoch 3/10 [=====>    ] 420/938 loss 0.31 2.1 s").
/// On a terminal it rewrites its line with a carriage return; when output is redirected (logs, CI) it writes plain
/// lines instead, one per 10% of progress, so logs stay readable.
/// </summary>
public sealed class ProgressBar
{
    private const int BarWidth = 30;
    private const int PlainLines = 10;   // lines per run when redirected

    private readonly TextWriter _output;
    private readonly bool _interactive;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _lastShown;   // last rendered bar cell (interactive, −1: none yet) or tenth (plain: the first line at 10%)
    private int _lastLength;
    private readonly int _width;

    public string Label { get; }
    public int Total { get; }

    /// <summary>A bar on the console, interactive unless output is redirected.</summary>
    public ProgressBar(string label, int total)
        : this(label, total, Console.Out, !Console.IsOutputRedirected, Console.IsOutputRedirected ? 0 : TerminalWidth()) { }

    /// <param name="label">Shown before the bar (e.g. "epoch 3/10").</param>
    /// <param name="total">Steps in the run (batches per epoch).</param>
    /// <param name="output">Where to draw.</param>
    /// <param name="interactive">Rewrite one line (a terminal) or write plain lines (a log).</param>
    /// <param name="width">Longest line drawn in interactive mode (0: unlimited); a line wider than the terminal
    /// would wrap, and the carriage return would then redraw only its last part.</param>
    public ProgressBar(string label, int total, TextWriter output, bool interactive, int width = 0)
    {
        if (total <= 0) throw new ArgumentOutOfRangeException(nameof(total), total, "must be positive");
        Label = label;
        Total = total;
        _output = output;
        _interactive = interactive;
        _width = width;
        _lastShown = interactive ? -1 : 0;
    }

    private static int TerminalWidth()
    {
        try { return Math.Max(0, Console.WindowWidth - 1); }
        catch (IOException) { return 0; }   // no terminal size available: draw full lines
    }

    /// <summary>Shows that <paramref name="done"/> of <see cref="Total"/> steps are complete, with an optional status
    /// (e.g. running loss). Cheap when nothing visible changes.</summary>
    public void Report(int done, string? status = null)
    {
        done = Math.Clamp(done, 0, Total);
        if (_interactive)
        {
            // Redraw at most once per 1/BarWidth of progress (and at the end): a terminal write per batch costs
            // more than a small batch's training step.
            int cell = done * BarWidth / Total;
            if (cell == _lastShown && done != Total) return;
            _lastShown = cell;
            string line = Render(done, status);
            if (_width > 0 && line.Length > _width) line = line[.._width];
            _output.Write('\r' + line.PadRight(_lastLength));
            _lastLength = line.Length;
            if (done == Total) _output.WriteLine();
        }
        else
        {
            int tenth = done * PlainLines / Total;
            if (tenth == _lastShown) return;
            _lastShown = tenth;
            _output.WriteLine(Render(done, status));
        }
        _output.Flush();
    }

    private string Render(int done, string? status)
    {
        int filled = done * BarWidth / Total;
        string bar = new string('=', filled) + (filled < BarWidth ? ">" + new string(' ', BarWidth - filled - 1) : "");
        string width = Total.ToString();
        return $"{Label} [{bar}] {done.ToString().PadLeft(width.Length)}/{width}" +
               (string.IsNullOrEmpty(status) ? "" : " " + status) + $" {_clock.Elapsed.TotalSeconds:F1} s";
    }
}
