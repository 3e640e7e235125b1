using Pilot.Bridge.Protocol;
using Pilot.Bridge.Safety;

namespace Pilot.Bridge.Daemon;

/// <summary>The <c>bridgeState</c> message (10 Hz): link, safety and traffic counters since the daemon started.</summary>
public struct BridgeState
{
    public long MonoTimeNs;
    public bool Connected;
    public int Reconnects;            // successful connections after the first
    public int ConnectFailures;
    public SafetyMode RequestedMode;  // what the daemon asked for (from carParams)
    public DeviceHealth? Health;      // the device's own report, null until one arrived
    public long CanFrames;            // frames published on can
    public long CanBatches;
    public long SendCanBatches;       // sendcan messages transmitted
    public long SendCanStale;         // sendcan messages dropped for being older than the limit
    public long SendCanInvalid;       // sendcan messages dropped for naming a bus the device lacks
    public long TxFrames;             // frames written to the device
    public long TxRejected;           // frames the device's safety model refused (rejected echoes)
    public long BusErrors;
    public long ReaderErrors;         // malformed packets from the device
    public string? LastError;
}
