namespace Pilot.Hardware.Imu;

/// <summary>LSM6DS3 register map (ST DocID026899 rev 10, section 8), names as in the datasheet.</summary>
public enum Lsm6ds3Register : byte
{
    FIFO_CTRL1 = 0x06,    // §9.2: FTH[7:0] watermark
    FIFO_CTRL2 = 0x07,
    FIFO_CTRL3 = 0x08,    // §9.4: DEC_FIFO_GYRO bits 5:3, DEC_FIFO_XL bits 2:0 (001 = no decimation)
    FIFO_CTRL4 = 0x09,
    FIFO_CTRL5 = 0x0A,    // §9.6: ODR_FIFO bits 6:3, FIFO_MODE bits 2:0 (000 bypass, 110 continuous)
    WHO_AM_I = 0x0F,      // §9.11: 0x69
    CTRL1_XL = 0x10,      // §9.12: ODR_XL bits 7:4, FS_XL bits 3:2 (00 ±2, 01 ±16, 10 ±4, 11 ±8 g)
    CTRL2_G = 0x11,       // §9.13: ODR_G bits 7:4, FS_G bits 3:2 (00 245, 01 500, 10 1000, 11 2000 °/s)
    CTRL3_C = 0x12,       // §9.14: BOOT 7, BDU 6, IF_INC 2 (default 1), SW_RESET 0
    CTRL4_C = 0x13,
    CTRL5_C = 0x14,       // §9.15: ST_G bits 3:2, ST_XL bits 1:0 (01 positive sign self-test)
    STATUS_REG = 0x1E,    // §9.26: TDA 2, GDA 1, XLDA 0
    OUT_TEMP_L = 0x20,    // §9.27: 16 LSB/°C, 0 = 25 °C; then OUTX_L_G..OUTZ_H_XL, little-endian
    OUTX_L_G = 0x22,
    OUTX_L_XL = 0x28,
    FIFO_STATUS1 = 0x3A,  // §9.40: DIFF_FIFO[7:0], unread 16-bit words
    FIFO_STATUS2 = 0x3B,  // §9.41: WaterM 7, OVER_RUN 6, FIFO_FULL 5, FIFO_EMPTY 4, DIFF_FIFO[11:8] bits 3:0
    FIFO_STATUS3 = 0x3C,  // §9.42: FIFO_PATTERN[7:0], index of the next word to read
    FIFO_STATUS4 = 0x3D,  // §9.43: FIFO_PATTERN[9:8]
    FIFO_DATA_OUT_L = 0x3E,
    FIFO_DATA_OUT_H = 0x3F,
}

/// <summary>Bit fields and tables of the registers above (same sections; sensitivities from table 3).</summary>
internal static class Lsm6ds3Bits
{
    public const byte SwReset = 1;        // CTRL3_C
    public const byte IfInc = 1 << 2;     // CTRL3_C: register address auto-increment for burst reads
    public const byte Bdu = 1 << 6;       // CTRL3_C: outputs not updated between reading the L and H bytes
    public const byte SelfTestPositive = 0b01; // CTRL5_C ST_XL; ST_G is the same code shifted left by 2
    public const byte FifoModeContinuous = 0b110;
    public const byte FifoNoDecimation = 0b001 << 3 | 0b001; // FIFO_CTRL3: gyro and accel both in, undecimated
    public const byte OverRun = 1 << 6;   // FIFO_STATUS2
    public const byte FifoFull = 1 << 5;  // FIFO_STATUS2
    public const byte FifoEmpty = 1 << 4; // FIFO_STATUS2
    public const byte XlDataAvailable = 1, GyroDataAvailable = 1 << 1; // STATUS_REG

    // FS_XL code for ±2/4/8/16 g, and sensitivity in mg/LSB (table 3: 0.061, 0.122, 0.244, 0.488).
    public static readonly byte[] FsXl = [0b00, 0b10, 0b11, 0b01];
    public static readonly float[] AccelMgPerLsb = [0.061f, 0.122f, 0.244f, 0.488f];

    // FS_G code for ±245/500/1000/2000 °/s, and sensitivity in mdps/LSB (table 3: 8.75, 17.5, 35, 70).
    public static readonly byte[] FsG = [0b00, 0b01, 0b10, 0b11];
    public static readonly float[] GyroMdpsPerLsb = [8.75f, 17.5f, 35f, 70f];

    // ODR code n (1..10) gives 12.5·2^(n−1) Hz: 12.5, 26, 52, 104, 208, 416, 833, 1660, 3330, 6660 (§9.12).
    public static readonly double[] OdrHz = [0, 12.5, 26, 52, 104, 208, 416, 833, 1660, 3330, 6660];
}

/// <summary>A member of the LSM6DS3 family, told apart by WHO_AM_I.</summary>
/// <param name="TemperatureLsbPerC">Temperature sensitivity, LSB/°C; raw 0 is 25 °C.</param>
public sealed record Lsm6ds3Variant(byte WhoAmI, string Name, float TemperatureLsbPerC)
{
    public static readonly IReadOnlyList<Lsm6ds3Variant> All =
    [
        new(0x69, "LSM6DS3", 16f),       // DocID026899 table 5
        new(0x6A, "LSM6DS3TR-C", 256f),  // DocID030071 table 5; same register map for everything used here
    ];

    public static string ExpectedIds => string.Join(", ", All.Select(v => $"0x{v.WhoAmI:X2} ({v.Name})"));

    public static Lsm6ds3Variant? Find(byte whoAmI) => All.FirstOrDefault(v => v.WhoAmI == whoAmI);
}
