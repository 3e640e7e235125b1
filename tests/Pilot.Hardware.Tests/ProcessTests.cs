using System.Diagnostics;
using System.Text.Json;
using Pilot.Testing;

namespace Pilot.Hardware.Tests;

/// <summary>The real `pilot hardware ...` commands run as processes on this machine, which has none of the hardware.</summary>
public class ProcessTests
{
    private static (int Code, List<JsonElement> Lines, string Errors) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet", [TestData.Cli, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        Assert.True(p.WaitForExit(60_000), "process did not stop");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        return (p.ExitCode, lines, stderr.Result);
    }

    [SkippableFact]
    public void Sensors_daemon_reports_missing_devices_and_runs_until_its_duration()
    {
        var (code, lines, errors) = Run("hardware", "sensors", "--profile", "raspberry-pi", "--duration", "2");
        Assert.True(code == 0, errors);
        var status = lines.Where(l => l.GetProperty("type").GetString() == "sensorStatus").ToList();
        Assert.NotEmpty(status);
        Assert.Contains(status, s => s.GetProperty("imu").GetProperty("detail").GetString()!.Contains("/dev/i2c-1 not present"));
        Assert.Contains(status, s => s.GetProperty("gnss").GetProperty("detail").GetString()!.Contains("/dev/serial0 not present"));
        Assert.All(status, s => Assert.False(s.GetProperty("imu").GetProperty("present").GetBoolean()));
        Assert.Contains("0 IMU readings", errors);
    }

    [SkippableFact]
    public void Health_daemon_publishes_device_state_at_2_hz_with_the_missing_devices()
    {
        var (code, lines, errors) = Run("hardware", "health", "--profile", "raspberry-pi", "--duration", "2.2");
        Assert.True(code == 0, errors);
        var states = lines.Where(l => l.GetProperty("type").GetString() == "deviceState").ToList();
        Assert.True(states.Count >= 2, $"{states.Count} states in 2.2 s");
        JsonElement last = states[^1];
        Assert.Equal("raspberry-pi", last.GetProperty("profile").GetString());
        var missing = last.GetProperty("missing").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(missing, m => m.StartsWith("imu: /dev/i2c-1 not present"));
        Assert.Contains("gnss: /dev/serial0 not present", missing);
        Assert.InRange(last.GetProperty("cpuUsagePercent").GetDouble(), 0, 100);
        Assert.InRange(last.GetProperty("memoryUsedPercent").GetDouble(), 0, 100);
        long[] t = states.Select(s => s.GetProperty("logMonoTime").GetInt64()).ToArray();
        Assert.True(t.Zip(t.Skip(1)).All(p => p.Second > p.First));
    }
}
