using System.Diagnostics;
using System.IO.Ports;
using System.Text;
using Pilot.Bridge.Protocol;
using Pilot.Bridge.Serial;

namespace Pilot.Bridge.Adapters;

/// <summary>
/// A Lawicel SLCAN adapter (CANable, CANtact, USBtin, …) through System.IO.Ports. One bus. Opening sets the bitrate,
/// turns device timestamps on and opens the channel; received frames carry the host receive time, advanced by the
/// device's own millisecond stamps (unwrapped across their one-minute wrap) so bursts keep their spacing.
/// </summary>
public sealed class SlcanAdapter : ICanAdapter
{
    /// <summary>How long a command waits for its reply by default: Lawicel devices answer within a few ms.</summary>
    public static readonly TimeSpan DefaultCommandTimeout = TimeSpan.FromSeconds(1);
    private const int QuietMs = 30;           // a flushed device has answered once its line stays quiet this long
    private const int MaxQuietChecks = 20;    // a device chattering for longer than 0.6 s is not waited for
    private readonly TimeSpan _commandTimeout;
    private readonly string _port;
    private readonly int _baud;
    private readonly bool _fd;
    private readonly FrameQueue _queue = new();
    private readonly object _responseLock = new();  // a monitor: the reader hands command replies to the caller
    private readonly Lock _commandLock = new();     // one command in flight, so each reply pairs with its command
    private readonly Lock _writeLock = new();
    private SerialPort? _serial;
    private Thread? _reader;
    private string? _response;            // the reply line to the pending command ("" = OK, "\a" = error)
    private string? _expected;            // how the pending command's reply starts ("V", "N", "F"; "" for OK); null: none pending
    private long _strayReplies;           // replies no command was waiting for (flush answers, late replies)
    private int _bitrate = 500_000, _dataBitrate;
    private long _received, _sent, _busErrors, _protocolErrors, _txAcks;
    private long _stampBaseNs = -1, _lastStampMs, _stampElapsedMs;
    private volatile Exception? _failure;

    /// <param name="port">the serial device, e.g. /dev/ttyACM0</param>
    /// <param name="baud">the serial rate (ignored by USB-CDC adapters)</param>
    /// <param name="fd">whether the adapter speaks the CAN FD extension (d/D/b/B frames, Y data bitrate)</param>
    /// <param name="commandTimeout">how long a command waits for its reply (default <see cref="DefaultCommandTimeout"/>);
    /// longer for a device behind a slow or busy link</param>
    public SlcanAdapter(string port, int baud = 115_200, bool fd = false, TimeSpan? commandTimeout = null)
    {
        _port = port;
        _baud = baud;
        _fd = fd;
        _commandTimeout = commandTimeout ?? DefaultCommandTimeout;
    }

    public string Description => $"slcan {_port}";
    public bool IsOpen => _serial is not null && _failure is null;
    public bool SupportsFd => _fd;
    public int BusCount => 1;
    public Exception? Failure => _failure;
    public long TransmitAcks => Interlocked.Read(ref _txAcks);

    public AdapterStats Stats => new()
    {
        Received = Interlocked.Read(ref _received),
        Sent = Interlocked.Read(ref _sent),
        BusErrors = Interlocked.Read(ref _busErrors),
        QueueOverflows = _queue.Overflows,
        ProtocolErrors = Interlocked.Read(ref _protocolErrors),
    };

    /// <summary>Version ("V1013" → "1013") and serial number, read after <see cref="Open"/>.</summary>
    public string? Version { get; private set; }
    public string? SerialNumber { get; private set; }

    public void SetBitrate(int bus, int bitrate, int dataBitrate = 0)
    {
        if (bus != 0) throw new ArgumentOutOfRangeException(nameof(bus), $"bus {bus}: an SLCAN adapter has one bus, 0");
        SlcanCodec.BitrateCommand(bitrate);
        if (dataBitrate != 0)
        {
            if (!_fd) throw new NotSupportedException($"{Description} was opened without CAN FD");
            SlcanCodec.DataBitrateCommand(dataBitrate);
        }
        _bitrate = bitrate;
        _dataBitrate = dataBitrate;
        if (_serial is null) return;
        // Lawicel devices accept a bitrate only while the channel is closed.
        Command("C");
        ApplyBitrates();
        Command("O");
    }

    public void Open()
    {
        if (_serial is not null) throw new InvalidOperationException($"{Description} is already open");
        var serial = new SerialPort(_port, _baud) { ReadTimeout = SerialPort.InfiniteTimeout, WriteTimeout = 1000, NewLine = "\r" };
        try
        {
            serial.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            serial.Dispose();
            throw new LinkException($"cannot open {_port}: {e.Message}", e);
        }
        _serial = serial;
        _failure = null;
        _queue.Reopen();
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "slcan-reader" };
        _reader.Start(serial);
        try
        {
            Write("\r\r\r");            // flush any half-typed command in the device
            WaitUntilQuiet();           // its answers to the flush (CR or BEL each) must not pass for a command's reply
            Command("C");               // closed, so the bitrate can be set
            Version = Command("V")[1..];
            SerialNumber = Command("N")[1..];
            ApplyBitrates();
            Command("Z1");              // millisecond timestamps on received frames
            Command("O");
        }
        catch
        {
            Close();
            throw;
        }
    }

    private void ApplyBitrates()
    {
        Command(SlcanCodec.BitrateCommand(_bitrate));
        if (_dataBitrate != 0) Command(SlcanCodec.DataBitrateCommand(_dataBitrate));
    }

    public void Close()
    {
        var serial = _serial;
        if (serial is null) return;
        try
        {
            if (_failure is null) Write("C\r");
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException)
        {
            // closing anyway
        }
        _serial = null;
        serial.Dispose();  // unblocks the reader
        _reader?.Join(TimeSpan.FromSeconds(2));
        _reader = null;
        _queue.Close();
    }

    public void Dispose() => Close();

    /// <summary>Reads the status flags (F command); bus error states also arrive as error frames.</summary>
    public byte ReadStatus()
    {
        string reply = Command("F");
        byte flags = Convert.ToByte(reply[1..], 16);
        foreach (var state in StatusErrors(flags))
        {
            Interlocked.Increment(ref _busErrors);
            _queue.Add(new CanFrame { Kind = FrameKind.Error, Error = state, TimestampNs = NowNs });
        }
        return flags;
    }

    /// <summary>Lawicel F flags to bus error states: bit 0/3 FIFO full or overrun, bit 2 warning, bit 5 passive, bit 7 bus error.</summary>
    public static IEnumerable<BusErrorState> StatusErrors(byte flags)
    {
        if ((flags & 0x09) != 0) yield return BusErrorState.Overrun;
        if ((flags & 0x04) != 0) yield return BusErrorState.ErrorWarning;
        if ((flags & 0x20) != 0) yield return BusErrorState.ErrorPassive;
        if ((flags & 0x80) != 0) yield return BusErrorState.BusOff;
    }

    public void Send(in CanFrame frame)
    {
        if (frame.Bus != 0) throw new ArgumentOutOfRangeException(nameof(frame), $"bus {frame.Bus}: an SLCAN adapter has one bus, 0");
        if (frame.Fd && !_fd) throw new NotSupportedException($"{Description} was opened without CAN FD");
        Span<char> line = stackalloc char[SlcanCodec.MaxLineLength + 1];
        int n = SlcanCodec.Format(frame, line);
        line[n++] = '\r';
        Write(line[..n].ToString());
        Interlocked.Increment(ref _sent);
    }

    public bool TryReceive(out CanFrame frame, TimeSpan timeout) => _queue.TryTake(out frame, timeout);

    /// <summary>
    /// Sends a command and returns the reply line ("" for a bare OK); throws when the device refuses or is silent.
    /// Replies pair with commands: one command is in flight, and only a reply of its kind (or BEL) answers it.
    /// </summary>
    private string Command(string command)
    {
        lock (_commandLock)
        {
            lock (_responseLock)
            {
                _response = null;
                _expected = command[0] is 'V' or 'N' or 'F' ? command[..1] : "";
            }
            try
            {
                Write(command + "\r");
                return AwaitReply(command);
            }
            finally
            {
                lock (_responseLock) _expected = null;
            }
        }
    }

    private string AwaitReply(string command)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(_commandTimeout.TotalSeconds * Stopwatch.Frequency);
        lock (_responseLock)
        {
            while (_response is null)
            {
                long left = deadline - Stopwatch.GetTimestamp();
                if (left <= 0 || _failure is not null)
                    throw new LinkException($"{Description}: no reply to '{command}' within {_commandTimeout.TotalMilliseconds} ms", _failure);
                Monitor.Wait(_responseLock, TimeSpan.FromSeconds((double)left / Stopwatch.Frequency));
            }
            if (_response == "\a") throw new IOException($"{Description}: the adapter refused '{command}' (BEL)");
            return _response;
        }
    }

    private void WaitUntilQuiet()
    {
        for (int check = 0; check < MaxQuietChecks; check++)
        {
            long before = Interlocked.Read(ref _strayReplies);
            Thread.Sleep(QuietMs);
            if (Interlocked.Read(ref _strayReplies) == before) return;
        }
    }

    private void Write(string text)
    {
        var serial = _serial ?? throw new InvalidOperationException($"{Description} is not open");
        if (_failure is { } failure) throw new LinkException($"{Description}: link lost", failure);
        lock (_writeLock) serial.Write(text);
    }

    private static long NowNs => (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));

    private void ReadLoop(object? state)
    {
        var serial = (SerialPort)state!;
        var stream = serial.BaseStream;
        var bytes = new byte[1024];
        var line = new StringBuilder(SlcanCodec.MaxLineLength);
        bool runaway = false;  // the current line overflowed: drop it up to the next CR
        try
        {
            int n;
            while ((n = stream.Read(bytes, 0, bytes.Length)) > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    char c = (char)bytes[i];
                    if (c == '\a') Reply("\a");
                    else if (c == '\r')
                    {
                        if (!runaway) HandleLine(line.ToString());
                        line.Clear();
                        runaway = false;
                    }
                    else if (line.Length < SlcanCodec.MaxLineLength) line.Append(c);
                    else if (!runaway)
                    {
                        Interlocked.Increment(ref _protocolErrors);
                        runaway = true;
                    }
                }
            }
            throw new IOException("end of stream");
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            if (_serial is not null) _failure = e;  // not a Close(): the adapter went away
        }
        finally
        {
            _queue.Close();
            lock (_responseLock) Monitor.PulseAll(_responseLock);
        }
    }

    private void HandleLine(string line)
    {
        if (line.Length == 0)
        {
            Reply("");
            return;
        }
        switch (line[0])
        {
            case 'z' or 'Z' when line.Length == 1:
                Interlocked.Increment(ref _txAcks);
                return;
            case 'V' or 'N' or 'F':
                Reply(line);
                return;
        }
        var error = SlcanCodec.TryParse(line, out var frame, out int stampMs);
        if (error is not null)
        {
            Interlocked.Increment(ref _protocolErrors);
            return;
        }
        frame.TimestampNs = Timestamp(stampMs);
        Interlocked.Increment(ref _received);
        _queue.Add(frame);
    }

    // Host time of the first stamped frame, plus the device's unwrapped milliseconds since then.
    private long Timestamp(int stampMs)
    {
        long now = NowNs;
        if (stampMs < 0) return now;
        if (_stampBaseNs < 0)
        {
            _stampBaseNs = now;
            _lastStampMs = stampMs;
            return now;
        }
        _stampElapsedMs += (stampMs - _lastStampMs + SlcanCodec.TimestampWrapMs) % SlcanCodec.TimestampWrapMs;
        _lastStampMs = stampMs;
        return _stampBaseNs + _stampElapsedMs * 1_000_000;
    }

    private void Reply(string reply)
    {
        lock (_responseLock)
        {
            bool answers = _expected is not null && _response is null
                && (reply == "\a" || (_expected.Length == 0 ? reply.Length == 0 : reply.StartsWith(_expected, StringComparison.Ordinal)));
            if (!answers)
            {
                Interlocked.Increment(ref _strayReplies);
                return;
            }
            _response = reply;
            Monitor.PulseAll(_responseLock);
        }
    }
}
