namespace Pilot.Hardware.Imu;

/// <summary>
/// MPU-6000/6050 register map (InvenSense RM-MPU-6000A-00 rev 4.2), names as in the datasheet. The MPU-6500/9250
/// keep these addresses for everything this driver uses (RM-MPU-9250A-00 rev 1.6, section 3).
/// </summary>
public enum Mpu6050Register : byte
{
    SELF_TEST_X = 0x0D, // §4.1: XA_TEST[4:2] in bits 7:5, XG_TEST[4:0] in bits 4:0
    SELF_TEST_Y = 0x0E,
    SELF_TEST_Z = 0x0F,
    SELF_TEST_A = 0x10, // §4.1: XA_TEST[1:0] bits 5:4, YA_TEST[1:0] bits 3:2, ZA_TEST[1:0] bits 1:0
    SMPLRT_DIV = 0x19,  // §4.2: sample rate = gyroscope output rate / (1 + SMPLRT_DIV)
    CONFIG = 0x1A,      // §4.3: DLPF_CFG bits 2:0
    GYRO_CONFIG = 0x1B, // §4.4: XG_ST/YG_ST/ZG_ST bits 7:5, FS_SEL bits 4:3
    ACCEL_CONFIG = 0x1C,// §4.5: XA_ST/YA_ST/ZA_ST bits 7:5, AFS_SEL bits 4:3
    FIFO_EN = 0x23,     // §4.7: TEMP_FIFO_EN 7, XG 6, YG 5, ZG 4, ACCEL 3
    INT_PIN_CFG = 0x37,
    INT_ENABLE = 0x38,
    INT_STATUS = 0x3A,  // §4.16: FIFO_OFLOW_INT bit 4, DATA_RDY_INT bit 0; cleared when read
    ACCEL_XOUT_H = 0x3B,// §4.17: 14 bytes ACCEL_XOUT_H..GYRO_ZOUT_L, big-endian
    TEMP_OUT_H = 0x41,  // §4.18
    GYRO_XOUT_H = 0x43, // §4.19
    USER_CTRL = 0x6A,   // §4.27: FIFO_EN bit 6, FIFO_RESET bit 2
    PWR_MGMT_1 = 0x6B,  // §4.28: DEVICE_RESET 7, SLEEP 6, CLKSEL 2:0; resets to 0x40 (asleep)
    PWR_MGMT_2 = 0x6C,
    FIFO_COUNTH = 0x72, // §4.30: FIFO byte count, big-endian
    FIFO_COUNTL = 0x73,
    FIFO_R_W = 0x74,    // §4.31: reading pops the FIFO; burst reads do not advance the address
    WHO_AM_I = 0x75,    // §4.32: 0x68 on the MPU-6050
}

/// <summary>Bit fields of the registers above (same sections).</summary>
internal static class Mpu6050Bits
{
    public const byte DeviceReset = 1 << 7;   // PWR_MGMT_1
    public const byte Sleep = 1 << 6;         // PWR_MGMT_1
    public const byte ClkSelPllXGyro = 1;     // PWR_MGMT_1 CLKSEL = 1: PLL on the X gyro, §4.28 recommends it over the internal oscillator
    public const byte FsSelMask = 0b11 << 3;  // GYRO_CONFIG / ACCEL_CONFIG
    public const byte SelfTestXyz = 0b111 << 5;
    public const byte DlpfMask = 0b111;       // CONFIG DLPF_CFG
    public const byte FifoEnableUser = 1 << 6;// USER_CTRL FIFO_EN
    public const byte FifoReset = 1 << 2;     // USER_CTRL FIFO_RESET
    public const byte FifoAccelGyroTemp = 0b1111_1000; // FIFO_EN: TEMP, XG, YG, ZG, ACCEL
    public const byte FifoOverflowInt = 1 << 4; // INT_STATUS
    public const byte DataReadyInt = 1;         // INT_STATUS
}
