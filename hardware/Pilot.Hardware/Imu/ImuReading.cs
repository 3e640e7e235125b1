using System.Numerics;

namespace Pilot.Hardware.Imu;

/// <summary>One accelerometer + gyroscope sample, converted to SI units in the device frame.</summary>
/// <param name="MonoTimeNs">Monotonic time of the sample, ns.</param>
/// <param name="AccelerationMps2">Specific force per axis, m/s² (gravity included).</param>
/// <param name="AngularRateRadps">Angular rate per axis, rad/s.</param>
/// <param name="TemperatureC">Die temperature, °C.</param>
public readonly record struct ImuReading(long MonoTimeNs, Vector3 AccelerationMps2, Vector3 AngularRateRadps, float TemperatureC);

/// <summary>Accelerometer full scale, ± g.</summary>
public enum AccelerometerRange { G2, G4, G8, G16 }

/// <summary>Gyroscope full scale, ± °/s (the LSM6DS3's 245 °/s scale is <see cref="Dps250"/>).</summary>
public enum GyroscopeRange { Dps250, Dps500, Dps1000, Dps2000 }

/// <summary>What a driver is asked to configure; each part picks its nearest supported output data rate at or above the request.</summary>
/// <param name="SampleRateHz">Requested output data rate, Hz; sensord needs ≥ 100 (ARCHITECTURE.md).</param>
public sealed record ImuSettings(AccelerometerRange Accelerometer = AccelerometerRange.G4,
    GyroscopeRange Gyroscope = GyroscopeRange.Dps500, double SampleRateHz = 100);

/// <summary>One axis of a self-test: the measured response and the window it must fall in.</summary>
/// <param name="Response">Measured self-test response in <paramref name="Unit"/>.</param>
public readonly record struct AxisSelfTest(string Axis, double Response, double Low, double High, string Unit)
{
    public bool Passed => Response >= Low && Response <= High;
}

/// <summary>The outcome of a part's built-in self-test, axis by axis.</summary>
public sealed record ImuSelfTestResult(string Part, IReadOnlyList<AxisSelfTest> Axes)
{
    public bool Passed => Axes.All(a => a.Passed);

    public override string ToString() =>
        $"{Part} self-test {(Passed ? "passed" : "FAILED")}: " +
        string.Join(", ", Axes.Select(a => $"{a.Axis} {a.Response:F3} {a.Unit} in [{a.Low}, {a.High}]{(a.Passed ? "" : " FAIL")}"));
}

/// <summary>Physical constants shared by the drivers.</summary>
public static class ImuUnits
{
    public const float StandardGravityMps2 = 9.80665f; // m/s² per g (CGPM 1901)
    public const float RadiansPerDegree = MathF.PI / 180f;
}
