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
/// </summary>
public sealed class WorkerPool : IDisposable
{
    private readonly Thread[] _threads;
    private readonly SemaphoreSlim[] _start;
    private readonly ManualResetEventSlim _done = new(false);
    private readonly object _gate = new();
    private IParallelWork? _work;
    private int _parts;
    private int _remaining;
    private Exception? _error;
    private volatile bool _stopping;

    public int Threads { get; }

    public WorkerPool(int threads)
    {
        Threads = Math.Max(1, threads);
        _threads = new Thread[Threads - 1];
        _start = new SemaphoreSlim[Threads - 1];
        for (int i = 0; i < _threads.Length; i++)
        {
            int part = i + 1;
            _start[i] = new SemaphoreSlim(0);
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
            for (int p = 1; p < parts; p++) _start[p - 1].Release();
            try { work.Execute(0, parts); }
            catch (Exception e) { _error ??= e; }
            _done.Wait();
            _work = null;
            if (_error is not null) throw new AggregateException("a parallel CPU kernel failed", _error);
        }
        finally { Monitor.Exit(_gate); }
    }

    private void Loop(int part)
    {
        while (true)
        {
            _start[part - 1].Wait();
            if (_stopping) return;
            try { _work!.Execute(part, _parts); }
            catch (Exception e) { Interlocked.CompareExchange(ref _error, e, null); }
            if (Interlocked.Decrement(ref _remaining) == 0) _done.Set();
        }
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
        foreach (var s in _start) s.Release();
        foreach (var t in _threads) t.Join();
        foreach (var s in _start) s.Dispose();
        _done.Dispose();
    }
}
