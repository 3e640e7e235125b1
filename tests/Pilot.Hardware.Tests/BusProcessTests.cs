using System.Diagnostics;
using Pilot.Messaging;
using Pilot.Messaging.PubSub;
using Pilot.Testing;
using EventDeviceState = Pilot.Messaging.Events.DeviceState;

namespace Pilot.Hardware.Tests;

/// <summary>hardwared run for real with --publish: its deviceState reaches a subscriber in this process over the bus.</summary>
public class BusProcessTests
{
    [Fact]
    public async Task Hardwared_publishes_device_state_naming_the_missing_devices_and_keeps_running()
    {
        // A bus of its own, away from a live system's ports and other tests'.
        int portBase = 20_000 + Random.Shared.Next(0, 400) * 50;
        using var sub = new SubMaster(["deviceState"], transport: new NetMqTransport(new Bus(PortBase: portBase)));
        var psi = new ProcessStartInfo("dotnet", [TestData.Cli, "hardware", "health", "--publish", "--profile", "raspberry-pi", "--duration", "6"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["PILOT_PORT_BASE"] = portBase.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var daemon = Process.Start(psi)!;
        Task<string> stderr = daemon.StandardError.ReadToEndAsync();

        var received = new List<(bool Valid, List<(string Name, bool Present, string Detail)> Devices)>();
        var deadline = Stopwatch.StartNew();
        while (received.Count < 2 && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            sub.Update(200);
            var state = sub["deviceState"];
            if (!state.Updated) continue;
            var devices = new EventDeviceState.Reader(state.Payload).Devices;
            var list = new List<(string, bool, string)>();
            for (int i = 0; i < devices.Count; i++) list.Add((devices[i].Name, devices[i].Present, devices[i].Detail));
            received.Add((state.Valid, list));
        }
        Assert.True(daemon.WaitForExit(60_000), "hardwared did not stop after its duration");
        Assert.True(daemon.ExitCode == 0, await stderr);

        // At 2 Hz for 6 s; the first messages can go before the subscription is connected (a late joiner misses them).
        Assert.True(received.Count >= 2, $"{received.Count} deviceState messages received");
        var last = received[^1];
        Assert.False(last.Valid);  // devices the profile expects are missing
        Assert.Contains(last.Devices, d => !d.Present && (d.Name + " " + d.Detail).Contains("/dev/i2c-1"));
        Assert.Contains(last.Devices, d => !d.Present && (d.Name + " " + d.Detail).Contains("/dev/serial0"));
    }
}
