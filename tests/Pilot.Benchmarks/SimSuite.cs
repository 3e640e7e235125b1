using Pilot.Can.Packing;
using Pilot.Sim.Car;
using Pilot.Sim.Scenarios;
using Pilot.Sim.World;

namespace Pilot.Benchmarks;

/// <summary>
/// <c>./pilot bench sim</c>: time and allocation of one 10 ms simulator step (vehicle, traffic, driver and the car's CAN
/// frames packed and collected) for each car on the default scenario, and how many times faster than real time the
/// world alone can run (what the fast closed-loop harness has to spend on the rest of the stack).
/// </summary>
public sealed class SimSuite : ISuite
{
    public string Name => "sim";

    public void Run(Report report, string[] args)
    {
        if (File.Exists("/proc/loadavg")) report.Fact("load_average_1min", File.ReadAllText("/proc/loadavg").Split(' ')[0]);
        foreach (var car in CarCans.Names) Step(report, car);
    }

    private static void Step(Report report, string car)
    {
        var world = new SimWorld(ScenarioRegistry.Get(ScenarioRegistry.Default), CarCans.Create(car));
        var frames = new List<CanFrame>(256);
        int perStep = 0;
        void Cycle()
        {
            world.Step(0.01);
            frames.Clear();
            world.CollectToHost(frames);
            perStep = Math.Max(perStep, frames.Count);
        }
        var (ns, bytes) = Measure.PerCall(Cycle, inner: 200, samples: 15);
        double cpuNs = ThreadCpu.PerCall(Cycle, inner: 200);
        report.Add($"step_{car}_us", ns / 1000, "µs", $"one 10 ms world step with up to {perStep} CAN frames (wall)");
        report.Add($"step_{car}_cpu_us", cpuNs / 1000, "µs", "the same, thread CPU time");
        report.Add($"step_{car}_bytes", bytes, "B/step", "allocation per step (a payload array per frame)");
        report.Add($"realtime_factor_{car}", 10e6 / cpuNs, "×", "simulated time per CPU time, the world alone");
    }
}
