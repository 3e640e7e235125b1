using Pilot.Bridge.Safety;

namespace Pilot.Bridge.Safety.Tests;

/// <summary>A safety model wired to a simulated car and a test clock (µs).</summary>
public sealed class SafetyBench
{
    public const long FrameUs = 10_000;  // 100 Hz, the rate the host sends commands and the car sends most messages

    public SafetyBench(SimulatedCar car, SafetyOptions? options = null)
    {
        Car = car;
        Model = new SafetyModel(options);
        Assert.True(Model.SetMode(car.Mode, Now));
    }

    public SimulatedCar Car { get; }
    public SafetyModel Model { get; }
    public CarInputs Inputs => Car.Inputs;
    public long Now { get; set; }
    /// <summary>What the simulated host's heartbeat says; engaged by default, so it never disagrees with the device.</summary>
    public bool HostEngaged { get; set; } = true;

    /// <summary>Sends every RX message for the current inputs at the current time; returns whether all passed.</summary>
    public bool FeedRx()
    {
        bool all = true;
        foreach (var frame in Car.RxFrames()) all &= Rx(frame);
        return all;
    }

    public bool Rx(Frame frame) => Model.Rx(frame.Bus, frame.Address, frame.Data, Now);

    public bool Tx(Frame frame) => Model.Tx(frame.Bus, frame.Address, frame.Data, Now);

    /// <summary>Advances one frame (10 ms): heartbeat, then all RX messages.</summary>
    public void Step(int frames = 1)
    {
        for (int i = 0; i < frames; i++)
        {
            Now += FrameUs;
            Model.Heartbeat(Now, HostEngaged);
            FeedRx();
        }
    }

    /// <summary>Cruise off for a frame, then on: a fresh engage edge.</summary>
    public void CycleCruise()
    {
        Inputs.Cruise = false;
        Step();
        Inputs.Cruise = true;
        Step();
    }

    /// <summary>The engage edge with every RX message valid; asserts that it allowed control.</summary>
    public void Engage()
    {
        CycleCruise();
        Assert.True(Model.ControlsAllowed, "the cruise-engage edge should allow control");
    }

    /// <summary>Sends steering frames stepping by <paramref name="step"/> every <paramref name="periodUs"/> until one is refused
    /// or <paramref name="target"/> is reached; returns the last torque that passed. The motor follows the command.</summary>
    public int Ramp(int target, int step, long periodUs = FrameUs)
    {
        int passed = 0;
        for (int torque = step; Math.Abs(torque) <= Math.Abs(target); torque += step)
        {
            Now += periodUs;
            Model.Heartbeat(Now, HostEngaged);
            Inputs.MeasuredTorque = passed;
            FeedRx();
            if (!Tx(Car.Steer(torque, request: true))) return passed;
            passed = torque;
        }
        return passed;
    }
}
