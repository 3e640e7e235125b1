namespace Pilot.Vision.Data.Loading;

/// <summary>
/// Draws batches from an <see cref="ISampleSource"/>: shuffled per epoch, optionally augmented, filled ahead on a
/// background thread into a small ring of batch buffers allocated once (Prefetch + 1 of them: the one the caller
/// holds and those being filled), so steady-state batching allocates nothing. Results depend only on the seed, the
/// epoch and the options, never on thread timing: prefetching gives exactly the batches filling in place would.
/// </summary>
public sealed class BatchLoader
{
    private readonly ISampleSource _source;
    private readonly Batch[] _ring;
    private readonly int[] _order;          // [source.Count]: sample indices in this epoch's order
    private int _active;                    // 1 while an epoch is being enumerated: the ring has one owner

    public BatchLoaderOptions Options { get; }

    /// <summary>Batches per epoch: ⌈Count / BatchSize⌉, or ⌊Count / BatchSize⌋ with DropLast.</summary>
    public int BatchesPerEpoch { get; }

    public BatchLoader(ISampleSource source, BatchLoaderOptions options)
    {
        if (options.BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(options), $"BatchSize must be positive, got {options.BatchSize}");
        if (options.Prefetch < 0) throw new ArgumentOutOfRangeException(nameof(options), $"Prefetch must be ≥ 0, got {options.Prefetch}");
        _source = source;
        Options = options;
        BatchesPerEpoch = options.DropLast ? source.Count / options.BatchSize : (source.Count + options.BatchSize - 1) / options.BatchSize;
        int sampleSize = source.Channels * source.Height * source.Width;
        _ring = new Batch[options.Prefetch + 1];
        for (int i = 0; i < _ring.Length; i++) _ring[i] = new Batch(options.BatchSize, sampleSize);
        _order = new int[source.Count];
    }

    /// <summary>
    /// The batches of <paramref name="epoch"/>. Each yielded <see cref="Batch"/> is a reused buffer, valid until the
    /// next is requested; stopping early (break) stops the background thread.
    /// </summary>
    public IEnumerable<Batch> Epoch(int epoch)
    {
        if (Interlocked.Exchange(ref _active, 1) != 0)
            throw new InvalidOperationException("an epoch of this loader is already being enumerated; its batch buffers are in use");
        try
        {
            Order(epoch, _order);
            if (Options.Prefetch == 0)
            {
                for (int b = 0; b < BatchesPerEpoch; b++)
                {
                    Fill(_order, epoch, b, _ring[0]);
                    yield return _ring[0];
                }
                yield break;
            }
            using var prefetch = new Prefetcher(this, epoch);
            for (int b = 0; b < BatchesPerEpoch; b++)
                yield return prefetch.Next(b);
        }
        finally
        {
            Volatile.Write(ref _active, 0);
        }
    }

    /// <summary>The sample order of <paramref name="epoch"/> (identity without shuffling) into <paramref name="order"/>.</summary>
    public void Order(int epoch, Span<int> order)
    {
        if (order.Length != _source.Count) throw new ArgumentException($"order holds {order.Length} entries, the source has {_source.Count} samples");
        for (int i = 0; i < order.Length; i++) order[i] = i;
        if (Options.Shuffle)
        {
            var rng = Rng.Derive(Options.Seed, epoch, -1);
            rng.Shuffle(order);
        }
    }

    /// <summary>Fills batch <paramref name="index"/> of an epoch whose order is <paramref name="order"/>.</summary>
    private void Fill(ReadOnlySpan<int> order, int epoch, int index, Batch batch)
    {
        int start = index * Options.BatchSize;
        int count = Math.Min(Options.BatchSize, order.Length - start);
        int size = batch.SampleSize;
        for (int i = 0; i < count; i++)
        {
            int sample = order[start + i];
            var row = batch.InputBuffer.AsSpan(i * size, size);
            batch.LabelBuffer[i] = _source.CopySample(sample, row);
            batch.SampleIndexBuffer[i] = sample;
            if (Options.Augment is { } augment)
            {
                var rng = Rng.Derive(Options.Seed, epoch, start + i);
                augment.Apply(row, batch.Scratch, _source.Channels, _source.Height, _source.Width, ref rng);
            }
        }
        batch.Count = count;
        batch.Epoch = epoch;
        batch.Index = index;
    }

    /// <summary>
    /// One epoch's background filler over the ring: a single producer thread and the single consumer hand slots back
    /// and forth through two semaphores (free slots, filled slots), so batches arrive in order.
    /// </summary>
    private sealed class Prefetcher : IDisposable
    {
        private readonly BatchLoader _loader;
        private readonly int _epoch;
        private readonly SemaphoreSlim _free, _filled;
        private readonly Thread _thread;
        private volatile bool _stop;
        private Exception? _failure;
        private int _failedBatch = -1;   // batches before it were filled and are delivered first
        private int _next;       // the batch the producer fills next
        private bool _holding;   // the consumer holds a slot it has not yet given back

        public Prefetcher(BatchLoader loader, int epoch)
        {
            _loader = loader;
            _epoch = epoch;
            _free = new SemaphoreSlim(loader._ring.Length);
            _filled = new SemaphoreSlim(0);
            _thread = new Thread(Produce) { IsBackground = true, Name = "batch prefetch" };
            _thread.Start();
        }

        public Batch Next(int index)
        {
            if (_holding) _free.Release();
            _filled.Wait();
            _holding = true;
            if (index == _failedBatch && _failure is { } failure)
                throw new InvalidOperationException($"filling batch {index} of epoch {_epoch} failed: {failure.Message}", failure);
            return _loader._ring[index % _loader._ring.Length];
        }

        private void Produce()
        {
            try
            {
                for (; _next < _loader.BatchesPerEpoch; _next++)
                {
                    _free.Wait();
                    if (_stop) return;
                    _loader.Fill(_loader._order, _epoch, _next, _loader._ring[_next % _loader._ring.Length]);
                    _filled.Release();
                }
            }
            catch (Exception e)
            {
                _failure = e;
                _failedBatch = _next;
                _filled.Release();
            }
        }

        public void Dispose()
        {
            _stop = true;
            _free.Release();   // wake the producer if it waits for a slot; it then sees _stop
            _thread.Join();
            _free.Dispose();
            _filled.Dispose();
        }
    }
}
