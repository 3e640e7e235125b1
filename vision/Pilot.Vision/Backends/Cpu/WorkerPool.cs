using System.Diagnostics;

namespace Pilot.Vision.Backends.Cpu;

/// <summary>One slice of a parallel job: part <c>part</c> of <c>parts</c>. Implemented by reusable job objects so that
/// dispatch allocates nothing (a lambda would capture and allocate on every call).</summary>
public interface IParallelWork
{
    void Execute(int part, int parts);
}

/// <summary>
/// Fixed worker threads (one per core, the caller being the first) for the CPU kernels. Jobs split their work into
/// disjoint output slices, so results do not depend on scheduling. A job started while the pool is busy (another
/// model on another thread, or a nested call) runs inline on the caller, which keeps results identical.
/// <para>
/// A network runs dozens of short jobs back to back (a batch-1 lane network: ~50 jobs in ~1.5 ms), and waking a
/// sleeping thread costs tens of microseconds on a virtual machine, as much as many of the jobs themselves. So a
/// worker that finishes a job spins for <see cref="SpinBeforeSleep"/> watching for the next one before it sleeps on its
/// semaphore, and the caller spins the same way for the workers to finish: as ONNX Runtime's intra-op threads do.
/// The spin is bounded so that an idle model gives its cores back within a fraction of a millisecond.
/// </para>
/// </summary>
public sealed class WorkerPool : IDisposable
{
    /// <summary>How long an idle worker watches for the next job before sleeping (and the caller for the workers).</summary>
    public static readonly TimeSpan SpinBeforeSleep = TimeSpan.FromMicroseconds(200);
    private static readonly long SpinTicks = (long)(SpinBeforeSleep.TotalSeconds * Stopwatch.Frequency);

    private readonly Thread[] _threads;
    private readonly Worker[] _workers;
    private readonly ManualResetEventSlim _done = new(false, spinCount: 1);
    private readonly object _gate = new();
    private IParallelWork? _work;
    private int _parts;
    private int _remaining;
    private Exception? _error;
    private volatile bool _stopping;

    /// <summary>A worker's mailbox: the number of jobs handed to it, and its wake-up for when it sleeps.</summary>
    private sealed class Worker
    {
        public readonly SemaphoreSlim Wake = new(0);
        public long Tickets;            // bumped for each job this worker takes part in
        public int Sleeping;            // 1 while the worker is on (or going to) Wake; whoever clears it owns the Release
    }

    public int Threads { get; }

    public WorkerPool(int threads)
    {
        Threads = Math.Max(1, threads);
        _threads = new Thread[Threads - 1];
        _workers = new Worker[Threads - 1];
        for (int i = 0; i < _threads.Length; i++)
        {
            int part = i + 1;
            _workers[i] = new Worker();
            _threads[i] = new Thread(() => Loop(part)) { IsBackground = true, Name = $"pilot-vision-{part}" };
            _threads[i].Start();
        }
    }

    /// <summary>Runs <paramref name="work"/> as <paramref name="parts"/> slices (at most <see cref="Threads"/>) and waits for all.</summary>
    public void Run(IParallelWork work, int parts)
    {
        parts = Math.Clamp(parts, 1, Threads);
        if (parts == 1 || !Monitor.TryEnter(_gate))
        {
            for (int p = 0; p < parts; p++) work.Execute(p, parts);
            return;
        }
        try
        {
            _work = work; _parts = parts; _error = null;
            _remaining = parts - 1;
            _done.Reset();
            for (int p = 1; p < parts; p++)
            {
                var w = _workers[p - 1];
                Interlocked.Increment(ref w.Tickets);   // also publishes the fields above to a spinning worker
                if (Interlocked.Exchange(ref w.Sleeping, 0) == 1) w.Wake.Release();
            }
            try { work.Execute(0, parts); }
            catch (Exception e) { _error ??= e; }
            long end = SpinDeadline();
            // Watch the event, not the counter: a worker sets it after its decrement, so once it is seen set no Set of
            // this job is still to come that could land after the next job's Reset.
            while (!_done.IsSet)
                if (!Spin(end)) { _done.Wait(); break; }
            _work = null;
            if (_error is not null) throw new AggregateException("a parallel CPU kernel failed", _error);
        }
        finally { Monitor.Exit(_gate); }
    }

    private void Loop(int part)
    {
        var me = _workers[part - 1];
        long seen = 0;
        while (true)
        {
            long end = SpinDeadline();
            while (Volatile.Read(ref me.Tickets) == seen && !_stopping)
            {
                if (Spin(end)) continue;
                // A full fence, not a release store: the flag must be visible before Tickets is read again (Dekker).
                Interlocked.Exchange(ref me.Sleeping, 1);
                // A job handed over between the last look and the flag: take the wake-up back, or consume the one given.
                if (Volatile.Read(ref me.Tickets) == seen && !_stopping || Interlocked.Exchange(ref me.Sleeping, 0) == 0)
                    me.Wake.Wait();
                break;
            }
            if (_stopping) return;
            seen++;
            try { _work!.Execute(part, _parts); }
            catch (Exception e) { Interlocked.CompareExchange(ref _error, e, null); }
            if (Interlocked.Decrement(ref _remaining) == 0) _done.Set();
        }
    }

    private static long SpinDeadline() => Stopwatch.GetTimestamp() + SpinTicks;

    /// <summary>One short spin; false once the spin budget that ends at <paramref name="end"/> is spent.</summary>
    private static bool Spin(long end)
    {
        Thread.SpinWait(16);
        return Stopwatch.GetTimestamp() < end;
    }

    /// <summary>Splits <paramref name="count"/> items into <paramref name="parts"/> ranges of multiples of <paramref name="quantum"/>.</summary>
    public static (int Start, int End) Slice(int count, int part, int parts, int quantum = 1)
    {
        int blocks = (count + quantum - 1) / quantum;
        int start = (int)((long)blocks * part / parts) * quantum;
        int end = (int)((long)blocks * (part + 1) / parts) * quantum;
        return (Math.Min(start, count), Math.Min(end, count));
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (var w in _workers) if (Interlocked.Exchange(ref w.Sleeping, 0) == 1) w.Wake.Release();
        foreach (var t in _threads) t.Join();
        foreach (var w in _workers) w.Wake.Dispose();
        _done.Dispose();
    }
}
