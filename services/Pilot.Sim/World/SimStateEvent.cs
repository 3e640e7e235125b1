using Pilot.Capnp;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;

namespace Pilot.Sim.World;

/// <summary>Ground truth as the <c>simulatorState</c> event (log.capnp SimulatorState).</summary>
public static class SimStateEvent
{
    public const string Service = "simulatorState";

    /// <summary>Writes <paramref name="state"/> into a fresh <c>simulatorState</c> event in <paramref name="message"/> (reset first).</summary>
    public static void Write(SimState state, MessageBuilder message)
    {
        message.Reset();
        var e = new Event.Builder(message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount)).InitSimulatorState();
        e.SetScenario(state.Scenario);
        e.SetTime(state.Time);
        e.SetOdometer(state.Odometer);
        e.SetVEgo((float)state.VEgo);
        e.SetAEgo((float)state.AEgo);
        e.SetYawRate((float)state.YawRate);
        e.SetSteeringAngleDeg((float)state.SteeringAngleDeg);
        e.SetLaneOffset((float)state.LaneOffset);
        e.SetHeadingError((float)state.HeadingError);
        e.SetLaneWidth((float)state.LaneWidth);
        e.SetRoadCurvature((float)state.RoadCurvature);
        e.SetRoadCurvatureRate((float)state.RoadCurvatureRate);
        e.SetLeadPresent(state.LeadPresent);
        e.SetLeadGap((float)state.LeadGap);
        e.SetLeadSpeed((float)state.LeadSpeed);
        e.SetLeadAccel((float)state.LeadAccel);
        e.SetLeadLateral((float)state.LeadLateral);
        e.SetCollision(state.Collision);
        e.SetOffRoad(state.OffRoad);
        e.SetDriverBrake((float)state.DriverBrake);
        e.SetDriverGas((float)state.DriverGas);
        e.SetDriverTorque((float)state.DriverTorque);
        var list = e.InitVehicles(state.Vehicles.Count);
        for (int i = 0; i < state.Vehicles.Count; i++)
        {
            var v = state.Vehicles[i];
            list[i].SetGap((float)v.Gap);
            list[i].SetLateral((float)v.Lateral);
            list[i].SetSpeed((float)v.Speed);
            list[i].SetAccel((float)v.Accel);
        }
    }

    /// <summary>Publishes the world's ground truth on <paramref name="pub"/> (created with <see cref="Service"/>).</summary>
    public static void Publish(this SimWorld world, PubMaster pub, MessageBuilder message, bool valid = true)
    {
        Write(world.State, message);
        pub.Send(Service, message, valid);
    }
}
