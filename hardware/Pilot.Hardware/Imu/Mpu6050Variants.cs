namespace Pilot.Hardware.Imu;

/// <summary>A member of the MPU-6050/MPU-9250 family, told apart by WHO_AM_I; the differences the driver needs, as data.</summary>
/// <param name="TemperatureLsbPerC">Temperature sensitivity, LSB/°C.</param>
/// <param name="TemperatureOffsetC">°C at raw 0.</param>
/// <param name="SelfTest">How the part's self-test is evaluated.</param>
public sealed record Mpu6050Variant(byte WhoAmI, string Name, float TemperatureLsbPerC, float TemperatureOffsetC, MpuSelfTestMethod SelfTest)
{
    public static readonly IReadOnlyList<Mpu6050Variant> All =
    [
        new(0x68, "MPU-6050", 340f, 36.53f, MpuSelfTestMethod.FactoryTrim), // RM-MPU-6000A §4.18: T = raw/340 + 36.53
        new(0x70, "MPU-6500", 333.87f, 21f, MpuSelfTestMethod.StOtp),      // RM-MPU-6500A §4.23 / PS table 3.4.2: (raw - 0)/333.87 + 21
        new(0x71, "MPU-9250", 333.87f, 21f, MpuSelfTestMethod.StOtp),      // RM-MPU-9250A §4.23
        new(0x73, "MPU-9255", 333.87f, 21f, MpuSelfTestMethod.StOtp),
    ];

    public static string ExpectedIds => string.Join(", ", All.Select(v => $"0x{v.WhoAmI:X2} ({v.Name})"));

    public static Mpu6050Variant? Find(byte whoAmI) => All.FirstOrDefault(v => v.WhoAmI == whoAmI);
}

/// <summary>The two self-test schemes of the family.</summary>
public enum MpuSelfTestMethod : byte
{
    /// <summary>MPU-6050: XG_TEST/XA_TEST codes in SELF_TEST_X..A give a factory trim; the response must be within ±14 % (RM-MPU-6000A §4.1).</summary>
    FactoryTrim,

    /// <summary>MPU-6500/9250: ST_OTP codes in SELF_TEST_X_GYRO.. and SELF_TEST_X_ACCEL.. (AN-MPU-9250A-03).</summary>
    StOtp,
}

/// <summary>Range and filter tables of the family (RM-MPU-6000A §4.4, §4.5, §4.3).</summary>
internal static class Mpu6050Scales
{
    // LSB per g for AFS_SEL 0..3 (±2/4/8/16 g), §4.17.
    public static readonly float[] AccelLsbPerG = [16384f, 8192f, 4096f, 2048f];

    // LSB per °/s for FS_SEL 0..3 (±250/500/1000/2000 °/s), §4.19.
    public static readonly float[] GyroLsbPerDps = [131f, 65.5f, 32.8f, 16.4f];

    public const double GyroOutputRateWithDlpfHz = 1000; // §4.2: 1 kHz when DLPF_CFG is 1..6

    // Accelerometer bandwidth, Hz, for DLPF_CFG 1..6 (§4.3); the driver picks the widest below Nyquist.
    public static readonly (byte Cfg, double BandwidthHz)[] Dlpf = [(1, 184), (2, 94), (3, 44), (4, 21), (5, 10), (6, 5)];
}
