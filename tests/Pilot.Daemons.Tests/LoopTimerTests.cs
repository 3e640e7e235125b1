namespace Pilot.Daemons.Tests;

public class LoopTimerTests
{
    [Fact]
    public void AStepLongerThanTwoPeriodsRestartsTheScheduleInsteadOfBursting()
    {
        var timer = new LoopTimer(100);
        Assert.True(timer.Wait());
        Thread.Sleep(35);                 // 3.5 periods of work
        Assert.False(timer.Wait());       // behind: no sleep, schedule restarts from now
        var sinceRestart = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(1, timer.Missed);
        Assert.True(timer.LagMs > 10, $"lag {timer.LagMs} ms after a 35 ms step in a 10 ms loop");
        // Back on schedule: the next wait sleeps a whole period instead of returning at once to catch up.
        Assert.True(timer.Wait());
        Assert.True(sinceRestart.Elapsed.TotalMilliseconds > 8, $"returned {sinceRestart.Elapsed.TotalMilliseconds} ms after the restart");
    }

    [Fact]
    public void JitterIsMeasuredAgainstTheNominalPeriod()
    {
        var timer = new LoopTimer(100);
        for (int i = 0; i < 6; i++) timer.Wait();
        Thread.Sleep(25);
        timer.Wait();                     // one period of ~25 ms among 10 ms ones
        var (median, p99, samples) = timer.Jitter();
        Assert.Equal(6, samples);
        // With 6 samples p99 is the largest deviation: at least the 25 ms period's 15 ms (a loaded machine only adds).
        Assert.True(p99 >= 15, $"p99 deviation {p99} ms should show the 25 ms period");
        Assert.True(median <= p99);
    }
}
