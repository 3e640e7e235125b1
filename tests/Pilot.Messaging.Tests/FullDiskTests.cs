using System.Diagnostics;
using Pilot.Messaging.Logs;

namespace Pilot.Messaging.Tests;

/// <summary>
/// A full disk: a 256 KiB tmpfs mounted for the test where the test may mount (root), otherwise a stream that fails with
/// ENOSPC past 256 KiB. Either way the logger reports, drops, keeps running, and leaves files that read without damage.
/// </summary>
public sealed class FullDiskTests : IDisposable
{
    private const int DiskBytes = 256 * 1024;
    private readonly string _dir = Directory.CreateTempSubdirectory("pilot-full-").FullName;
    private readonly bool _mounted;

    public FullDiskTests()
    {
        using var p = Process.Start(new ProcessStartInfo("mount", ["-t", "tmpfs", "-o", $"size={DiskBytes}", "tmpfs", _dir])
            { RedirectStandardError = true, RedirectStandardOutput = true })!;
        p.WaitForExit();
        _mounted = p.ExitCode == 0;
    }

    public void Dispose()
    {
        if (_mounted) Process.Start("umount", [_dir])!.WaitForExit();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void FullDiskIsReportedAndTheLoggerKeepsRunning()
    {
        Func<string, Stream>? open = _mounted ? null : p => new FullDiskStream(new FileStream(p, FileMode.CreateNew), DiskBytes / 2);
        var errors = new List<string>();
        var logger = new RouteLogger(_dir, new RouteLoggerOptions { RouteName = "full", Open = open, BlockEvents = 5 });
        logger.Error += errors.Add;
        var rng = new Random(1);
        ulong t = 1_000_000_000;
        for (int i = 0; i < 300; i++, t += 10_000_000)   // ~600 KB of poorly compressible text into 256 KiB
            logger.Write(LogTestEvents.NoisyLogMessage(t, 2000, rng));
        Assert.NotEmpty(errors);
        Assert.Contains(errors, e => e.Contains("No space left on device", StringComparison.Ordinal));
        Assert.True(logger.DroppedEvents > 0);

        // Still running: later events are accepted without an exception, and closing reports rather than throws.
        logger.Write(LogTestEvents.CarState(1, t));
        logger.Close();

        // What reached the disk is whole zstd frames only: it reads back without damage, starting with initData.
        foreach (var kind in new[] { LogKind.Rlog, LogKind.Qlog })
        {
            var reader = new LogReader(Path.Combine(_dir, "full--0"), kind);
            var events = reader.ReadAll().ToList();
            Assert.Empty(reader.Damage);
            Assert.Equal("initData", events[0].Service!.Name);
            Assert.InRange(events.Count, 2, 299);
        }
    }

    /// <summary>Fails writes past <c>capacity</c> bytes with the IOException the OS gives for ENOSPC (errno 28).</summary>
    private sealed class FullDiskStream(FileStream inner, long capacity) : Stream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (inner.Position + count > capacity)
            {
                inner.Write(buffer, offset, (int)Math.Max(0, capacity - inner.Position));   // a partial write, as the kernel does
                throw new IOException($"No space left on device : '{inner.Name}'", 28);
            }
            inner.Write(buffer, offset, count);
        }

        public override void Flush() => inner.Flush();
        public override void SetLength(long value) => inner.SetLength(value);
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override long Length => inner.Length;
        public override bool CanRead => false;
        public override bool CanSeek => true;
        public override bool CanWrite => true;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
    }
}
