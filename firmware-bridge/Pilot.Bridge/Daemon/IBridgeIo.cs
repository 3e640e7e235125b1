using Pilot.Bridge.Protocol;
using Pilot.Bridge.Safety;

namespace Pilot.Bridge.Daemon;

/// <summary>
/// A <c>sendcan</c> message: frames to transmit, stamped with the publisher's monotonic time. <paramref name="Invalid"/>
/// says why a message could not be turned into frames (then it is counted and dropped, never sent).
/// </summary>
public sealed record SendCanBatch(long MonoTimeNs, CanFrame[] Frames, string? Invalid = null);

/// <summary>The safety part of <c>carParams</c>: which mode and parameter the device must run.</summary>
public readonly record struct SafetyConfig(SafetyMode Mode, ushort Parameter = 0);

/// <summary>
/// The daemon's view of pub/sub: publish <c>can</c> and <c>bridgeState</c>, consume <c>sendcan</c>, the latest
/// <c>carParams</c> and whether the host is engaged. Implemented on the message bus by <see cref="BusBridgeIo"/> and
/// in-process by <see cref="InProcessBridgeIo"/>. Used from one thread at a time.
/// </summary>
public interface IBridgeIo
{
    /// <summary>Publishes one <c>can</c> message holding <paramref name="frames"/> (a 10 ms batch).</summary>
    void PublishCan(ReadOnlySpan<CanFrame> frames, long monoTimeNs);

    void PublishState(in BridgeState state);

    /// <summary>
    /// Takes everything received since the last call: each <c>sendcan</c> message into <paramref name="sendcan"/>, and
    /// the newest <c>carParams</c> and engagement into <see cref="CarParams"/> and <see cref="HostEngaged"/>.
    /// </summary>
    void Receive(List<SendCanBatch> sendcan);

    /// <summary>Waits up to <paramref name="timeout"/> for a <c>sendcan</c> message (true when one is waiting), so it goes out at once.</summary>
    bool WaitForSendCan(TimeSpan timeout);

    /// <summary>The safety configuration from the latest <c>carParams</c>, or null before any arrived.</summary>
    SafetyConfig? CarParams { get; }

    /// <summary>Whether the host's controls are engaged now: sent with every heartbeat so the device can catch a mismatch.</summary>
    bool HostEngaged { get; }
}
