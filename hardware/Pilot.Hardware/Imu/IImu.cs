namespace Pilot.Hardware.Imu;

/// <summary>An accelerometer + gyroscope on a bus. Implementations verify the chip ID when they open.</summary>
public interface IImu : IDisposable
{
    /// <summary>Part name as identified from its WHO_AM_I register, e.g. "MPU-9250".</summary>
    string Part { get; }

    /// <summary>The output data rate actually configured, Hz.</summary>
    double SampleRateHz { get; }

    /// <summary>Sets range and rate; the scale of later samples follows the range written.</summary>
    void Configure(ImuSettings settings);

    /// <summary>Reads the latest sample with one burst read and stamps it with <paramref name="monoTimeNs"/>.</summary>
    ImuReading Read(long monoTimeNs);

    /// <summary>Die temperature, °C.</summary>
    float ReadTemperatureC();

    /// <summary>Starts buffering accelerometer + gyroscope samples in the part's FIFO (cleared first).</summary>
    void EnableFifo();

    /// <summary>
    /// Drains whole samples from the FIFO into <paramref name="destination"/> (oldest first), stamping them back from
    /// <paramref name="monoTimeNs"/> at the sample period. Returns the count; overflows are counted in <see cref="FifoOverflows"/>.
    /// </summary>
    int ReadFifo(Span<ImuReading> destination, long monoTimeNs);

    /// <summary>How many times the FIFO overflowed (samples lost) since it was enabled.</summary>
    long FifoOverflows { get; }

    /// <summary>Runs the part's built-in self-test and restores the current configuration afterwards.</summary>
    ImuSelfTestResult RunSelfTest();
}
