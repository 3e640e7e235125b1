using System.Buffers.Binary;

namespace Pilot.Hardware.Imu;

/// <summary>
/// Self-test of the LSM6DS3 (DocID026899 table 3 and its self-test procedure): the output change with the positive
/// self-test actuation must be 90..1700 mg at ±2 g (LA_ST) and 150..700 °/s at ±2000 °/s (G_ST).
/// </summary>
public sealed partial class Lsm6ds3
{
    private const int SelfTestSettleSamples = 5;  // samples dropped after a mode change (the procedure waits ~100 ms at 52 Hz)
    private const int SelfTestSamples = 5;        // samples averaged per state, as in the procedure
    private const int DataReadyPolls = 10_000;    // bound on STATUS_REG polls for one new sample
    private const byte SelfTestAccelOdr = 3;      // 52 Hz
    private const byte SelfTestGyroOdr = 5;       // 208 Hz
    private const double AccelMinMg = 90, AccelMaxMg = 1700;   // LA_ST, table 3
    private const double GyroMinDps = 150, GyroMaxDps = 700;   // G_ST, table 3

    public ImuSelfTestResult RunSelfTest()
    {
        var saved = _settings;
        try
        {
            WriteControl(AccelerometerRange.G2, GyroscopeRange.Dps2000, SelfTestAccelOdr, SelfTestGyroOdr);
            _device.WriteRegister((byte)Lsm6ds3Register.CTRL5_C, 0);
            Span<double> off = stackalloc double[6];
            AverageRaw(off);
            _device.WriteRegister((byte)Lsm6ds3Register.CTRL5_C, Lsm6ds3Bits.SelfTestPositive << 2 | Lsm6ds3Bits.SelfTestPositive);
            Span<double> on = stackalloc double[6];
            AverageRaw(on);

            var axes = new List<AxisSelfTest>(6);
            string[] names = ["x", "y", "z"];
            for (int i = 0; i < 3; i++)
                axes.Add(new("accel " + names[i], Math.Abs(on[3 + i] - off[3 + i]) * Lsm6ds3Bits.AccelMgPerLsb[0], AccelMinMg, AccelMaxMg, "mg"));
            for (int i = 0; i < 3; i++)
                axes.Add(new("gyro " + names[i], Math.Abs(on[i] - off[i]) * Lsm6ds3Bits.GyroMdpsPerLsb[3] * 1e-3, GyroMinDps, GyroMaxDps, "°/s"));
            return new ImuSelfTestResult(Part, axes);
        }
        finally
        {
            _device.WriteRegister((byte)Lsm6ds3Register.CTRL5_C, 0);
            Configure(saved);
        }
    }

    /// <summary>Averages raw gyro XYZ then accel XYZ over samples where both XLDA and GDA are set.</summary>
    private void AverageRaw(Span<double> sums)
    {
        sums.Clear();
        for (int n = 0; n < SelfTestSettleSamples + SelfTestSamples; n++)
        {
            WaitDataReady();
            if (n < SelfTestSettleSamples) continue;
            _device.ReadBurst((byte)Lsm6ds3Register.OUT_TEMP_L, _sample);
            for (int k = 0; k < 6; k++)
                sums[k] += BinaryPrimitives.ReadInt16LittleEndian(_sample.AsSpan(2 + 2 * k)) / (double)SelfTestSamples;
        }
    }

    private void WaitDataReady()
    {
        const byte both = Lsm6ds3Bits.XlDataAvailable | Lsm6ds3Bits.GyroDataAvailable;
        _device.PollUntil((byte)Lsm6ds3Register.STATUS_REG, both, both, DataReadyPolls, Part, "STATUS_REG.XLDA/GDA never set");
    }
}
