using System.Diagnostics;
using Pilot.Bridge.Protocol;
using Pilot.Bridge.Safety;
using Pilot.Bridge.Serial;

namespace Pilot.Bridge.Adapters;

/// <summary>
/// The Pilot interface device (or the bench device) over a serial/USB-CDC tty, speaking the delimited packet
/// protocol of <see cref="Packet"/>. Frames the host sends come back with <see cref="CanFrame.Returned"/> set once the
/// device put them on the bus, or <see cref="CanFrame.Rejected"/> when its safety model refused them.
/// </summary>
public sealed class PilotDeviceAdapter(string path, int baud = 3_000_000) : ICanAdapter
{
    public const int Buses = 3;
    private const int ReadChunk = 4096;        // bytes per read: a burst of ~60 classic frames
    private readonly FrameQueue _queue = new();
    private readonly object _healthLock = new();  // a monitor: Wait/Pulse need it
    private TtyLink? _link;
    private Thread? _reader;
    private PacketReader _packets = new();
    private DeviceHealth? _health;         // the answer RequestHealth waits for
    private DeviceHealth? _latestHealth;   // the newest report, whoever asked
    private long _sent, _busErrors;
    private volatile Exception? _failure;

    public string Description => $"pilot device {path}";
    public bool IsOpen => _link is not null && _failure is null;
    public bool SupportsFd => true;
    public int BusCount => Buses;
    /// <summary>Why the link dropped (unplug, device closed), or null while it is up.</summary>
    public Exception? Failure => _failure;
    public ReaderStats ReaderStats => _packets.Stats;

    public AdapterStats Stats => new()
    {
        Received = _packets.Stats.Frames,
        Sent = Interlocked.Read(ref _sent),
        BusErrors = Interlocked.Read(ref _busErrors),
        QueueOverflows = _queue.Overflows,
        ProtocolErrors = _packets.Stats.Errors,
    };

    public void Open()
    {
        if (_link is not null) throw new InvalidOperationException($"{Description} is already open");
        _failure = null;
        _packets = new PacketReader();
        _queue.Reopen();
        _link = TtyLink.Open(path, baud);
        _link.Write([Cobs.Delimiter]);  // ends whatever partial packet the device holds from a previous session
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "pilot-device-reader" };
        _reader.Start(_link);
    }

    public void Close()
    {
        var link = _link;
        if (link is null) return;
        _link = null;
        link.Dispose();
        _reader?.Join();
        _reader = null;
        _queue.Close();
    }

    public void Dispose() => Close();

    public void SetBitrate(int bus, int bitrate, int dataBitrate = 0) => SendControl(Control.SetBitrate(bus, bitrate, dataBitrate));

    public void SetSafetyMode(SafetyMode mode, ushort parameter = 0) => SendControl(Control.SetSafetyMode(mode, parameter));

    public void Heartbeat(bool engaged = false) => SendControl(Control.Heartbeat(engaged));

    /// <summary>Bench device only: injects a fault (see <see cref="FaultKind"/>).</summary>
    public void InjectFault(FaultKind kind, uint argument = 0) => SendControl(Control.Fault(kind, argument));

    /// <summary>Bench device only: makes <paramref name="carFrame"/> arrive on its bus as if the car had sent it.</summary>
    public void InjectRx(in CanFrame carFrame) => SendControl(Control.InjectRx(carFrame));

    /// <summary>Asks for a health report without waiting; it lands in <see cref="LatestHealth"/>.</summary>
    public void PollHealth() => SendControl(Control.HealthRequest());

    /// <summary>The most recent health report, or null before the first.</summary>
    public DeviceHealth? LatestHealth
    {
        get { lock (_healthLock) return _latestHealth; }
    }

    /// <summary>Asks for and waits for a health report; null when none arrives in time.</summary>
    public DeviceHealth? RequestHealth(TimeSpan timeout)
    {
        lock (_healthLock) _health = null;
        SendControl(Control.HealthRequest());
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        lock (_healthLock)
        {
            while (_health is null)
            {
                long left = deadline - Stopwatch.GetTimestamp();
                if (left <= 0 || _failure is not null) return null;
                Monitor.Wait(_healthLock, TimeSpan.FromSeconds((double)left / Stopwatch.Frequency));
            }
            return _health;
        }
    }

    public void Send(in CanFrame frame)
    {
        if (frame.Bus >= Buses) throw new ArgumentOutOfRangeException(nameof(frame), $"bus {frame.Bus}: the device has buses 0..{Buses - 1}");
        Write(frame);
    }

    /// <summary>Sends a batch in one write (one syscall, one USB transfer on real hardware).</summary>
    public void Send(ReadOnlySpan<CanFrame> frames)
    {
        Span<byte> buffer = stackalloc byte[PacketWriter.MaxEncodedSize * 16];
        while (!frames.IsEmpty)
        {
            int n = Math.Min(frames.Length, 16), used = 0;
            foreach (ref readonly var frame in frames[..n])
            {
                if (frame.Bus >= Buses) throw new ArgumentOutOfRangeException(nameof(frames), $"bus {frame.Bus}: the device has buses 0..{Buses - 1}");
                used += PacketWriter.Write(frame, buffer[used..]);
            }
            Link.Write(buffer[..used]);
            Interlocked.Add(ref _sent, n);
            frames = frames[n..];
        }
    }

    public bool TryReceive(out CanFrame frame, TimeSpan timeout) => _queue.TryTake(out frame, timeout);

    private void SendControl(in CanFrame control)
    {
        Span<byte> buffer = stackalloc byte[PacketWriter.MaxEncodedSize];
        Link.Write(buffer[..PacketWriter.Write(control, buffer)]);
    }

    private void Write(in CanFrame frame)
    {
        Span<byte> buffer = stackalloc byte[PacketWriter.MaxEncodedSize];
        Link.Write(buffer[..PacketWriter.Write(frame, buffer)]);
        Interlocked.Increment(ref _sent);
    }

    private TtyLink Link => _failure is { } failure
        ? throw new LinkException($"{Description}: link lost", failure)
        : _link ?? throw new InvalidOperationException($"{Description} is not open");

    private void ReadLoop(object? state)
    {
        var link = (TtyLink)state!;
        Realtime.TryRaiseCurrentThread();  // received frames must not wait for a core behind ordinary work
        var bytes = new byte[ReadChunk];
        var frames = new CanFrame[256];
        try
        {
            int n;
            while ((n = link.Read(bytes)) > 0)
            {
                long now = Stopwatch.GetTimestamp();
                long nowNs = (long)(now * (1e9 / Stopwatch.Frequency));
                var input = bytes.AsSpan(0, n);
                while (!input.IsEmpty)
                {
                    int count = _packets.Read(input, frames, out int consumed);
                    input = input[consumed..];
                    for (int i = 0; i < count; i++) Dispatch(ref frames[i], nowNs);
                }
            }
        }
        catch (LinkException e)
        {
            _failure = e;  // the daemon sees IsOpen turn false and reconnects
        }
        finally
        {
            _queue.Close();
            lock (_healthLock) Monitor.PulseAll(_healthLock);
        }
    }

    private void Dispatch(ref CanFrame frame, long nowNs)
    {
        frame.TimestampNs = nowNs;
        if (!Control.IsControl(frame))
        {
            _queue.Add(frame);
            return;
        }
        switch ((ControlOp)frame.Address)
        {
            case ControlOp.Health when frame.Length >= DeviceHealth.Size:
                lock (_healthLock)
                {
                    _health = _latestHealth = DeviceHealth.Read(frame);
                    Monitor.PulseAll(_healthLock);
                }
                break;
            case ControlOp.BusError when frame.Length >= 2:
                var data = frame.Data;
                var error = new CanFrame { Kind = FrameKind.Error, Bus = data[0], Error = (BusErrorState)data[1], TimestampNs = nowNs };
                Interlocked.Increment(ref _busErrors);
                _queue.Add(error);
                break;
        }
    }
}
