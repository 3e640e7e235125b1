namespace Pilot.Can.Checksums;

/// <summary>The checksum algorithms of the car brands Pilot supports (opendbc SignalType names).</summary>
public enum ChecksumAlgorithm
{
    None,
    Honda,
    Toyota,
    VolkswagenMqb,
    VolkswagenPqXor,
    HyundaiCanFd,
    Subaru,
    Chrysler,
    FcaGiorgio,
    Tesla,
    CommaBody,
}
