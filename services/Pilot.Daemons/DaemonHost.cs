using System.Runtime.InteropServices;

namespace Pilot.Daemons;

/// <summary>
/// Runs an <see cref="IDaemon"/> as a process: its loop per <see cref="Schedule"/> until SIGTERM, SIGINT or the token.
/// A daemon never dies of its input: an exception from <see cref="IDaemon.Step"/> is printed (at most once a second,
/// with how many were suppressed) and the loop goes on.
/// </summary>
public static class DaemonHost
{
    private const int PollTimeoutMs = 100;   // a polled daemon re-checks for shutdown at least this often

    /// <summary>Runs until stopped; disposes the daemon. Returns the process exit code (0 for a requested stop).</summary>
    public static int Run(IDaemon daemon, CancellationToken token = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        var errors = new ErrorReporter(daemon.Name);
        try
        {
            switch (daemon.Schedule)
            {
                case Schedule.Polled polled:
                    var poll = daemon.Inputs[polled.Service];
                    while (!stop.IsCancellationRequested)
                        if (daemon.Inputs.Pending(PollTimeoutMs) && daemon.Inputs.Update(0) > 0 && poll.Updated) errors.Step(daemon);
                    break;
                case Schedule.Timed timed:
                    var timer = new LoopTimer(timed.RateHz);
                    while (!stop.IsCancellationRequested)
                    {
                        daemon.Inputs.Update(0);
                        errors.Step(daemon);
                        timer.Wait();
                    }
                    break;
            }
        }
        finally
        {
            daemon.Dispose();
        }
        return 0;
    }

    private sealed class ErrorReporter(string name)
    {
        private long _lastReportMs = long.MinValue / 2;
        private int _suppressed;

        public void Step(IDaemon daemon)
        {
            try
            {
                daemon.Step();
            }
            catch (Exception e)
            {
                long now = Environment.TickCount64;
                if (now - _lastReportMs < 1000)
                {
                    _suppressed++;
                    return;
                }
                string more = _suppressed > 0 ? $" ({_suppressed} more since the last report)" : "";
                Console.Error.WriteLine($"{name}: step failed{more}: {e.GetType().Name}: {e.Message}");
                _lastReportMs = now;
                _suppressed = 0;
            }
        }
    }
}
