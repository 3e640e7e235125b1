using System.IO.Ports;

namespace Pilot.Hardware.Gnss;

/// <summary>
/// A GNSS receiver on a byte stream (a serial port in the field, a pseudo-terminal or file in tests): frames the
/// stream, turns NMEA epochs and UBX NAV-PVT into <see cref="GnssFix"/>es, and configures u-blox receivers. Once
/// NAV-PVT has been heard, NMEA-built fixes are suppressed (NAV-PVT carries real accuracies), as gpsd prefers binary.
/// </summary>
public sealed class GnssReceiver : IDisposable
{
    /// <summary>How long NAV-PVT keeps precedence after the last one, ns: a few epochs at 1 Hz before NMEA takes over again.</summary>
    public const long UbxPrecedenceNs = 3_000_000_000;

    private readonly Stream _stream;
    private readonly bool _shouldDispose;
    private readonly IMonotonicClock _clock;
    private long? _lastUbxFixNs; // null until a NAV-PVT arrives

    /// <param name="shouldDispose">Whether disposing the receiver disposes <paramref name="stream"/>.</param>
    public GnssReceiver(Stream stream, bool shouldDispose, IMonotonicClock clock)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
        _shouldDispose = shouldDispose;
        _clock = clock;
    }

    public GnssStreamReader Framer { get; } = new();

    public NmeaFixBuilder Nmea { get; } = new();

    /// <summary>Checksummed frames whose fields were malformed (counted, skipped).</summary>
    public long FieldErrors { get; private set; }

    /// <summary>The message of the latest field error, for status output.</summary>
    public string? LastError { get; private set; }

    /// <summary>The receiver's latest ACK-ACK / ACK-NAK.</summary>
    public UbxAck? LastAck { get; private set; }

    /// <summary>Opens a serial port (8N1, no handshake) with a read timeout so that the reading loop can observe cancellation.</summary>
    public static GnssReceiver OpenSerial(string portName, int baudRate, IMonotonicClock clock)
    {
        var port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One) { ReadTimeout = 250, Handshake = Handshake.None };
        port.Open();
        return new GnssReceiver(new SerialStream(port), shouldDispose: true, clock);
    }

    /// <summary>
    /// Asks a u-blox receiver for <paramref name="rateHz"/> solutions per second and NAV-PVT on every solution
    /// (CFG-RATE then CFG-MSG); NMEA-only receivers ignore the frames. Watch <see cref="LastAck"/> for the answer.
    /// </summary>
    public void ConfigureUblox(double rateHz)
    {
        _stream.Write(UbxConfig.Rate((ushort)Math.Round(1000 / rateHz)));
        _stream.Write(UbxConfig.MessageRate(UbxIds.ClassNav, UbxIds.NavPvt, 1));
        _stream.Flush();
    }

    /// <summary>Reads once from the stream (blocking up to its timeout) and hands every completed fix to <paramref name="onFix"/>.
    /// Returns false at end of stream.</summary>
    public bool Poll(Action<GnssFix> onFix)
    {
        int n;
        try
        {
            n = _stream.Read(Framer.GetWriteSpan());
        }
        catch (TimeoutException)
        {
            return true;
        }
        if (n == 0)
        {
            Framer.Complete();
            Drain(onFix);
            return false;
        }
        Framer.Advance(n);
        Drain(onFix);
        return true;
    }

    /// <summary>Processes every complete frame already buffered.</summary>
    public void Drain(Action<GnssFix> onFix)
    {
        GnssFrameKind kind;
        while ((kind = Framer.TryRead(out ReadOnlySpan<byte> frame)) != GnssFrameKind.None)
        {
            long now = _clock.NowNs;
            try
            {
                if (kind == GnssFrameKind.Nmea) AcceptNmea(frame, now, onFix);
                else AcceptUbx(frame, now, onFix);
            }
            catch (FormatException e)
            {
                FieldErrors++;
                LastError = e.Message;
            }
        }
    }

    private void AcceptNmea(ReadOnlySpan<byte> frame, long now, Action<GnssFix> onFix)
    {
        var reader = NmeaReader.Create(frame);
        if (Nmea.Accept(ref reader, now, out GnssFix fix) && (_lastUbxFixNs is not long ubx || now - ubx > UbxPrecedenceNs)) onFix(fix);
    }

    private void AcceptUbx(ReadOnlySpan<byte> frame, long now, Action<GnssFix> onFix)
    {
        if (UbxAck.TryRead(frame, out UbxAck ack)) { LastAck = ack; return; }
        if (UbxFrame.Class(frame) != UbxIds.ClassNav || UbxFrame.Id(frame) != UbxIds.NavPvt) return;
        GnssFix fix = UbxNavPvt.Read(frame, now) with { SatellitesInView = Nmea.SatellitesInView };
        _lastUbxFixNs = now;
        onFix(fix);
    }

    public void Dispose()
    {
        if (_shouldDispose) _stream.Dispose();
    }

    /// <summary>The port's stream, owning the port so that disposing the stream closes it.</summary>
    private sealed class SerialStream(SerialPort port) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException("a serial port has no length");
        public override long Position { get => throw new NotSupportedException("a serial port has no position"); set => throw new NotSupportedException("a serial port has no position"); }
        public override int Read(byte[] buffer, int offset, int count) => port.BaseStream.Read(buffer, offset, count);
        public override int Read(Span<byte> buffer) => port.BaseStream.Read(buffer);
        public override void Write(byte[] buffer, int offset, int count) => port.BaseStream.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => port.BaseStream.Write(buffer);
        public override void Flush() => port.BaseStream.Flush();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("a serial port cannot seek");
        public override void SetLength(long value) => throw new NotSupportedException("a serial port has no length");

        protected override void Dispose(bool disposing)
        {
            if (disposing) port.Dispose();
            base.Dispose(disposing);
        }
    }
}
