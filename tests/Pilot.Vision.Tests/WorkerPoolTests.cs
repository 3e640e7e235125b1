using System.Diagnostics;
using Pilot.Vision.Backends.Cpu;

namespace Pilot.Vision.Tests;

/// <summary>
/// The worker pool's hand-over between spinning and sleeping: every slice of every job runs exactly once, whatever the
/// gap between jobs (none: the workers are still spinning; long: they have gone to sleep on their semaphores; in
/// between: they are going to sleep while the next job is handed over, where a lost wake-up would hang).
/// </summary>
public class WorkerPoolTests
{
    private sealed class CountSlices(int slots) : IParallelWork
    {
        public readonly int[] Counts = new int[slots];
        public long HoldTicks;   // how long the workers' slices take (the caller's slice returns at once)

        public void Execute(int part, int parts)
        {
            long end = Stopwatch.GetTimestamp() + (part == 0 ? 0 : HoldTicks);
            while (Stopwatch.GetTimestamp() < end) Thread.SpinWait(4);
            Interlocked.Increment(ref Counts[part]);
        }
    }

    [Fact]
    public async Task EverySliceRunsOnceAcrossSpinAndSleepHandOvers()
    {
        using var pool = new WorkerPool(3);
        var work = new CountSlices(3);
        var gaps = new Random(7);
        const int Jobs = 5_000;
        long spin = (long)(WorkerPool.SpinBeforeSleep.TotalSeconds * Stopwatch.Frequency);
        var run = Task.Run(() =>
        {
            for (int i = 0; i < Jobs; i++)
            {
                // Slices longer than the caller's spin now and then: the caller then sleeps on the completion event.
                work.HoldTicks = gaps.Next(6) == 0 ? spin * gaps.Next(80, 150) / 100 : 0;
                int parts = 2 + (i & 1);   // alternate 2 and 3 slices: a worker sits some jobs out
                pool.Run(work, parts);
                // Run returns only once every slice of this job has run.
                if (work.Counts[1] != i + 1 || work.Counts[2] != (i + 1) / 2) throw new InvalidOperationException($"job {i} returned before its slices ran");
                // Mostly gaps close to the spin budget, busy-waited for precision: the worker is then deciding to sleep
                // just as the next job is handed over. Now and then none, or a long one (asleep for sure).
                long gap = gaps.Next(8) switch { 0 => 0, 1 => spin * 4, _ => spin * gaps.Next(80, 120) / 100 };
                long end = Stopwatch.GetTimestamp() + gap;
                while (Stopwatch.GetTimestamp() < end) Thread.SpinWait(4);
            }
        });
        Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))) == run, "a job never finished: a worker missed its wake-up");
        await run;
        Assert.Equal([Jobs, Jobs, Jobs / 2], work.Counts);
    }

    [Fact]
    public async Task DisposeStopsSleepingAndSpinningWorkers()
    {
        var pool = new WorkerPool(2);
        var work = new CountSlices(2);
        pool.Run(work, 2);
        Thread.Sleep(5);   // the worker is asleep by now
        var dispose = Task.Run(pool.Dispose);
        Assert.True(await Task.WhenAny(dispose, Task.Delay(TimeSpan.FromSeconds(10))) == dispose, "dispose waited for a worker that never woke");
        Assert.Equal([1, 1], work.Counts);
    }
}
