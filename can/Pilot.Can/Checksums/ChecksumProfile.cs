namespace Pilot.Can.Checksums;

/// <summary>
/// Which checksum a database's messages carry and which signals hold the checksum and counter. Chosen from the
/// database name exactly as opendbc's get_checksum_state does (opendbc/can/dbc.py), as a table.
/// </summary>
/// <param name="Algorithm">The checksum algorithm.</param>
/// <param name="ChecksumSuffix">Signal name of the checksum ("CHECKSUM"), or the suffix for Tesla ("Checksum").</param>
/// <param name="CounterSuffix">Signal name of the rolling counter ("COUNTER"), or the suffix for Tesla ("Counter").</param>
/// <param name="MatchSuffix">True when names match by suffix (Tesla: DAS_status2Checksum), false for exact names.</param>
public sealed record ChecksumProfile(ChecksumAlgorithm Algorithm, string ChecksumSuffix = "CHECKSUM", string CounterSuffix = "COUNTER", bool MatchSuffix = false)
{
    /// <summary>No checksum: counters are still checked when a COUNTER signal exists.</summary>
    public static ChecksumProfile None { get; } = new(ChecksumAlgorithm.None);

    // Database-name prefix → profile, in opendbc's order (chrysler_cusw before chrysler_). The Hyundai CAN FD file is
    // "hyundai_canfd" here (opendbc's generated name is hyundai_canfd_generated).
    private static readonly (string Prefix, ChecksumProfile Profile)[] Table =
    [
        ("honda_", new(ChecksumAlgorithm.Honda)),
        ("acura_", new(ChecksumAlgorithm.Honda)),
        ("toyota_", new(ChecksumAlgorithm.Toyota)),
        ("lexus_", new(ChecksumAlgorithm.Toyota)),
        ("hyundai_canfd", new(ChecksumAlgorithm.HyundaiCanFd)),
        ("vw_mqb", new(ChecksumAlgorithm.VolkswagenMqb)),
        ("vw_meb", new(ChecksumAlgorithm.VolkswagenMqb)),
        ("vw_pq", new(ChecksumAlgorithm.VolkswagenPqXor)),
        ("subaru_global_", new(ChecksumAlgorithm.Subaru)),
        ("chrysler_", new(ChecksumAlgorithm.Chrysler)),
        ("fca_giorgio", new(ChecksumAlgorithm.FcaGiorgio)),
        ("comma_body", new(ChecksumAlgorithm.CommaBody)),
        ("tesla_model3_party", new(ChecksumAlgorithm.Tesla, "Checksum", "Counter", MatchSuffix: true)),
        ("pilot_sim", new(ChecksumAlgorithm.Honda)),   // Pilot's simulated car (can/dbc/pilot_sim.dbc) borrows Honda's nibble checksum
    ];

    /// <summary>The profile for a database named <paramref name="databaseName"/> (file name without extension).</summary>
    public static ChecksumProfile ForDatabase(string databaseName)
    {
        foreach (var (prefix, profile) in Table)
            if (databaseName.StartsWith(prefix, StringComparison.Ordinal)) return profile;
        return None;
    }

    /// <summary>True when <paramref name="signalName"/> is this profile's checksum signal.</summary>
    public bool IsChecksum(string signalName) => Algorithm != ChecksumAlgorithm.None &&
        (MatchSuffix ? signalName.EndsWith(ChecksumSuffix, StringComparison.Ordinal) : signalName == ChecksumSuffix);

    /// <summary>True when <paramref name="signalName"/> is this profile's rolling counter.</summary>
    public bool IsCounter(string signalName) =>
        MatchSuffix ? signalName.EndsWith(CounterSuffix, StringComparison.Ordinal) : signalName == CounterSuffix;
}
