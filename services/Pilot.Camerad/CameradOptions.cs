using Pilot.Camerad.Sources;
using Pilot.Messaging;
using Pilot.Messaging.Vision;

namespace Pilot.Camerad;

/// <summary>What camerad captures from and where it serves the frames.</summary>
public sealed record CameradOptions
{
    /// <summary>Opens the frame source (called once, by the constructor).</summary>
    public required Func<IFrameSource> Source { get; init; }

    /// <summary>Frame rate, Hz (ARCHITECTURE.md: the road camera runs at 20 Hz).</summary>
    public double RateHz { get; init; } = 20;

    /// <summary>The bus whose shared-memory pool and descriptor endpoint carry the frames.</summary>
    public Bus VisionBus { get; init; } = Bus.FromEnvironment();

    /// <summary>Frame buffers in the pool: how far (in frames) a reader may lag before it loses frames.</summary>
    public int PoolBuffers { get; init; } = VisionServer.DefaultBufferCount;
}
