using System.Device.I2c;

namespace Pilot.Hardware.Imu;

/// <summary>Opens whichever supported IMU answers on a device: the MPU family (WHO_AM_I at 0x75) or the LSM6DS3 family (0x0F).</summary>
public static class ImuProbe
{
    /// <summary>Identifies and opens the part; the device is disposed on failure when <paramref name="shouldDispose"/> is set.</summary>
    public static IImu Open(I2cDevice device, bool shouldDispose = true, ImuSettings? settings = null)
    {
        try
        {
            byte mpu = device.ReadRegister((byte)Mpu6050Register.WHO_AM_I);
            if (Mpu6050Variant.Find(mpu) is not null) return new Mpu6050(device, shouldDispose, settings);
            byte lsm = device.ReadRegister((byte)Lsm6ds3Register.WHO_AM_I);
            if (Lsm6ds3Variant.Find(lsm) is not null) return new Lsm6ds3(device, shouldDispose, settings);
            throw new ChipIdMismatchException("IMU", device.Describe(), (byte)Mpu6050Register.WHO_AM_I, mpu,
                $"{Mpu6050Variant.ExpectedIds} there, or {Lsm6ds3Variant.ExpectedIds} at 0x0F (which read 0x{lsm:X2})");
        }
        catch when (shouldDispose)
        {
            device.Dispose();
            throw;
        }
    }
}
