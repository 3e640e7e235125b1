using System.Diagnostics;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Pilot.Messaging.Logs;

/// <summary>
/// Appends framed Events to one log file (rlog.zst or qlog.zst) as a sequence of independent zstd frames, each holding
/// whole events and a content checksum. A block is compressed and handed to the OS every <c>blockEvents</c>
/// events or <see cref="BlockInterval"/>, whichever comes first, so a writer killed with SIGKILL loses at most the
/// events of its unfinished block; the file stays a valid concatenation of zstd frames (`zstd -d` reads it).
/// A write that fails (disk full) is reported through <see cref="Failed"/>, the file is cut back to its last whole frame,
/// the block's events are counted in <see cref="DroppedEvents"/>, and the next block tries again.
/// </summary>
public sealed class LogFileWriter : IDisposable
{
    public const int DefaultBlockEvents = 1000;                      // ~1 s of a full 100 Hz bus in rlog
    public static readonly TimeSpan BlockInterval = TimeSpan.FromSeconds(1);   // bound on the tail lost to SIGKILL
    public const int CompressionLevel = 3;                           // zstd's default: ~5x on logs, cheap on 2 cores

    private readonly Stream _stream;
    private readonly Compressor _compressor = new(CompressionLevel);
    private readonly MemoryStream _block = new(1 << 16);
    private byte[] _compressed = new byte[1 << 16];
    private int _blockEvents;
    private long _blockStarted;
    private long _goodLength;
    private readonly int _blockLimit;

    public string Path { get; }
    public long EventsWritten { get; private set; }
    public long DroppedEvents { get; private set; }
    /// <summary>Raised with the file and the exception when a block could not be written (the writer keeps going).</summary>
    public event Action<string, IOException>? Failed;

    /// <param name="path">file to create</param>
    /// <param name="open">opens the file (a test may wrap the stream); default: a new FileStream</param>
    /// <param name="blockEvents">events per zstd frame at most</param>
    public LogFileWriter(string path, Func<string, Stream>? open = null, int blockEvents = DefaultBlockEvents)
    {
        Path = path;
        _blockLimit = blockEvents > 0 ? blockEvents : throw new ArgumentOutOfRangeException(nameof(blockEvents), blockEvents, "at least 1");
        _stream = (open ?? (p => new FileStream(p, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0)))(path);
        _compressor.SetParameter(ZSTD_cParameter.ZSTD_c_checksumFlag, 1);   // a flipped byte is found, not decoded into garbage
    }

    /// <summary>Queues one framed Event; writes the block when it is full or old enough.</summary>
    public void Append(ReadOnlySpan<byte> framedEvent)
    {
        if (_blockEvents == 0) _blockStarted = Stopwatch.GetTimestamp();
        _block.Write(framedEvent);
        _blockEvents++;
        if (_blockEvents >= _blockLimit || Stopwatch.GetElapsedTime(_blockStarted) >= BlockInterval) FlushBlock();
    }

    /// <summary>Compresses the queued events as one zstd frame and writes it to the OS (not necessarily to the disk).</summary>
    public void FlushBlock()
    {
        if (_blockEvents == 0) return;
        var src = _block.GetBuffer().AsSpan(0, (int)_block.Length);
        int bound = (int)Compressor.GetCompressBound(src.Length);
        if (_compressed.Length < bound) _compressed = new byte[bound];
        int n = _compressor.Wrap(src, _compressed);
        try
        {
            _stream.Write(_compressed, 0, n);
            _stream.Flush();
            _goodLength += n;
            EventsWritten += _blockEvents;
        }
        catch (IOException e)
        {
            DroppedEvents += _blockEvents;
            TryCutBack();
            Failed?.Invoke(Path, e);
        }
        _block.SetLength(0);
        _blockEvents = 0;
    }

    /// <summary>Writes the last block and forces the file to the disk (fsync).</summary>
    public void Sync()
    {
        FlushBlock();
        try
        {
            if (_stream is FileStream fs) fs.Flush(flushToDisk: true);
            else _stream.Flush();
        }
        catch (IOException e) { Failed?.Invoke(Path, e); }
    }

    /// <summary>Removes a partly written frame so the file ends on a whole frame (frees the space it took, too).</summary>
    private void TryCutBack()
    {
        try
        {
            _stream.SetLength(_goodLength);
            _stream.Position = _goodLength;
        }
        catch (IOException) { }   // still failing: the reader reports the cut frame as damage at its offset
        catch (NotSupportedException) { }
    }

    public void Dispose()
    {
        Sync();
        _stream.Dispose();
        _compressor.Dispose();
    }
}
