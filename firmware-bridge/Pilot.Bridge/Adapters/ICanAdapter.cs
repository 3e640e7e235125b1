using Pilot.Bridge.Protocol;

namespace Pilot.Bridge.Adapters;

/// <summary>Counters every adapter keeps.</summary>
public struct AdapterStats
{
    public long Received;        // frames handed to the host
    public long Sent;            // frames written to the device
    public long BusErrors;       // error reports received
    public long QueueOverflows;  // received frames dropped because the host did not keep up
    public long ProtocolErrors;  // malformed input from the device (bad packets, unparsable lines)
}

/// <summary>
/// One CAN interface, whatever the hardware: open/close, bitrates, send, and receive with timestamps. Bus errors
/// arrive as frames of kind <see cref="FrameKind.Error"/>. Receiving is for one consumer thread; sending is thread-safe.
/// </summary>
public interface ICanAdapter : IDisposable
{
    /// <summary>What it is connected to, for logs ("slcan /dev/ttyACM0").</summary>
    string Description { get; }
    bool IsOpen { get; }
    bool SupportsFd { get; }
    /// <summary>CAN buses this adapter serves (SLCAN and SocketCAN: 1; the Pilot device: 3).</summary>
    int BusCount { get; }
    AdapterStats Stats { get; }

    void Open();
    void Close();

    /// <summary>Sets a bus's nominal and (CAN FD) data-phase bitrates in bit/s; 0 = no FD data phase.</summary>
    void SetBitrate(int bus, int bitrate, int dataBitrate = 0);

    void Send(in CanFrame frame);

    /// <summary>Waits up to <paramref name="timeout"/> for a frame; false when none came (or the link is gone).</summary>
    bool TryReceive(out CanFrame frame, TimeSpan timeout);
}
