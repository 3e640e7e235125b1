namespace Pilot.Can.Logs;

/// <summary>
/// One entry of a CAN log: a data, remote or error frame with everything the log formats carry. Channels are
/// 0-based where the format counts from 1 (ASC, BLF), as python-can reports them; TRC and candump keep theirs.
/// </summary>
public sealed record CanLogFrame
{
    /// <summary>Seconds: relative to the start of the measurement (ASC, TRC) or absolute Unix time (candump, BLF).</summary>
    public double Timestamp { get; init; }

    /// <summary>The bus/channel number (see the type remarks), or -1 where the log names none.</summary>
    public int Channel { get; init; }

    /// <summary>candump's interface name ("can0", "vcan0"), when the log has one.</summary>
    public string? ChannelName { get; init; }

    /// <summary>Arbitration id without flag bits.</summary>
    public uint Id { get; init; }
    public bool IsExtended { get; init; }
    public bool IsRemote { get; init; }
    public bool IsError { get; init; }
    public bool IsFd { get; init; }
    public bool BitrateSwitch { get; init; }
    public bool ErrorStateIndicator { get; init; }

    /// <summary>Received (true) or transmitted (false) by the logging node.</summary>
    public bool IsRx { get; init; } = true;

    /// <summary>The length/DLC field as the log gives it (ASC/BLF keep raw DLC codes, e.g. 0xF for 64 bytes in CAN FD).</summary>
    public int Dlc { get; init; }

    /// <summary>Payload bytes actually present.</summary>
    public byte[] Data { get; init; } = [];

    public bool Equals(CanLogFrame? other) => other is not null && Timestamp == other.Timestamp && Channel == other.Channel
        && ChannelName == other.ChannelName && Id == other.Id && IsExtended == other.IsExtended && IsRemote == other.IsRemote
        && IsError == other.IsError && IsFd == other.IsFd && BitrateSwitch == other.BitrateSwitch
        && ErrorStateIndicator == other.ErrorStateIndicator && IsRx == other.IsRx && Dlc == other.Dlc && Data.AsSpan().SequenceEqual(other.Data);

    public override int GetHashCode() => HashCode.Combine(Timestamp, Id, Channel, Data.Length);

    public override string ToString() =>
        $"{Timestamp:F6} ch{Channel} {(IsError ? "ErrorFrame" : $"{Id:X}{(IsExtended ? "x" : "")}")}{(IsRemote ? " R" : "")}{(IsFd ? " FD" : "")} [{Dlc}] {Convert.ToHexString(Data)}";
}
