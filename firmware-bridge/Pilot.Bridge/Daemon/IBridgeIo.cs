using Pilot.Bridge.Protocol;
using Pilot.Bridge.Safety;

namespace Pilot.Bridge.Daemon;

/// <summary>A <c>sendcan</c> message: frames to transmit, stamped with the publisher's monotonic time.</summary>
public sealed record SendCanBatch(long MonoTimeNs, CanFrame[] Frames);

/// <summary>The safety part of <c>carParams</c>: which mode and parameter the device must run.</summary>
public readonly record struct SafetyConfig(SafetyMode Mode, ushort Parameter = 0);

/// <summary>
/// The daemon's view of pub/sub, kept this small so the messaging layer (NetMQ + Cap'n Proto events) can implement it:
/// publish <c>can</c> and <c>bridgeState</c>, consume <c>sendcan</c> and the latest <c>carParams</c>.
/// </summary>
public interface IBridgeIo
{
    /// <summary>Publishes one <c>can</c> message holding <paramref name="frames"/> (a 10 ms batch).</summary>
    void PublishCan(ReadOnlySpan<CanFrame> frames, long monoTimeNs);

    void PublishState(in BridgeState state);

    /// <summary>Moves every <c>sendcan</c> message received since the last call into <paramref name="into"/>.</summary>
    void DrainSendCan(List<SendCanBatch> into);

    /// <summary>The safety configuration from the latest <c>carParams</c>, or null before any arrived.</summary>
    SafetyConfig? CarParams { get; }
}
