using Pilot.Controls.Engagement;
using AlertStatus = Pilot.Messaging.Events.SelfdriveState.AlertStatus;

namespace Pilot.Controls.Tests;

/// <summary>The event table as data, and the alert manager's choice of what to show.</summary>
public sealed class EventsAndAlertsTests
{
    /// <summary>Conditions under which engaging is unsafe: each must carry NoEntry.</summary>
    public static TheoryData<EventName> MustRefuse => new()
    {
        EventName.ButtonCancel, EventName.CruiseMainOff, EventName.PedalPressed, EventName.WrongGear, EventName.ReverseGear,
        EventName.DoorOpen, EventName.SeatbeltNotLatched, EventName.EspDisabled, EventName.ParkBrake, EventName.SpeedTooLow,
        EventName.CanError, EventName.SteerTempUnavailable, EventName.SteerUnavailable, EventName.AccFaulted,
        EventName.NoCarParams, EventName.CarParamsInvalid, EventName.CommIssue, EventName.ModeldLagging, EventName.RadarFault,
        EventName.ControlsMismatch, EventName.ProcessNotRunning, EventName.Overheat,
    };

    [Theory, MemberData(nameof(MustRefuse))]
    public void UnsafeConditionsCarryNoEntryWithAReason(EventName name)
    {
        var spec = EventTable.Get(name);
        Assert.True((spec.Types & EventTypes.NoEntry) != 0);
        var alert = spec.AlertFor(EventTypeNames.Index(EventTypes.NoEntry))!;
        Assert.NotEqual("", alert.Text2);
        Assert.Equal($"{spec.Name}/noEntry", spec.AlertType(EventTypeNames.Index(EventTypes.NoEntry)));
    }

    [Theory]
    [InlineData(EventName.CommIssue, EventTypes.SoftDisable)]
    [InlineData(EventName.ModeldLagging, EventTypes.SoftDisable)]
    [InlineData(EventName.Overheat, EventTypes.SoftDisable)]
    [InlineData(EventName.CanError, EventTypes.ImmediateDisable)]
    [InlineData(EventName.ControlsMismatch, EventTypes.ImmediateDisable)]
    [InlineData(EventName.SteerUnavailable, EventTypes.ImmediateDisable)]
    [InlineData(EventName.ReverseGear, EventTypes.ImmediateDisable)]
    [InlineData(EventName.CarParamsInvalid, EventTypes.ImmediateDisable)]
    [InlineData(EventName.PedalPressed, EventTypes.UserDisable)]
    [InlineData(EventName.DoorOpen, EventTypes.UserDisable)]
    [InlineData(EventName.ButtonCancel, EventTypes.UserDisable)]
    public void FaultsWhileEngagedDisengage(EventName name, EventTypes how) =>
        Assert.True((EventTable.Get(name).Types & how) != 0);

    [Fact]
    public void EveryEventHasAnAlertForEachOfItsTypes()
    {
        foreach (var name in Enum.GetValues<EventName>())
        {
            var spec = EventTable.Get(name);
            Assert.NotEqual(EventTypes.None, spec.Types);
            foreach (var type in EventTypeNames.All)
                Assert.Equal((spec.Types & type) != 0, spec.AlertFor(EventTypeNames.Index(type)) is not null);
        }
        Assert.Equal("pedalPressed", EventTable.Get(EventName.PedalPressed).Name);
    }

    [Fact]
    public void HigherPriorityWinsThenNewestAndDetailFillsTheText()
    {
        var am = new AlertManager(100);
        var events = new EventSet();
        events.Add(EventName.DoorOpen);
        am.Add(1, events, EventTypes.NoEntry);
        am.Process(1, EventTypes.None);
        Assert.Equal("doorOpen/noEntry", am.Current.AlertType);

        events.Clear();
        events.Add(EventName.CommIssue, "radarState not alive");
        am.Add(2, events, EventTypes.NoEntry | EventTypes.SoftDisable);
        am.Process(2, EventTypes.None);
        // The soft disable (mid priority) beats both no-entry alerts (low).
        Assert.Equal("commIssue/softDisable", am.Current.AlertType);
        Assert.Equal("Communication Issue: radarState not alive", am.Current.Text2);
        Assert.Equal(AlertStatus.UserPrompt, am.Current.Alert.Status);

        events.Clear();
        events.Add(EventName.CanError);
        am.Add(3, events, EventTypes.ImmediateDisable);
        am.Process(3, EventTypes.None);
        Assert.Equal("canError/immediateDisable", am.Current.AlertType);
        Assert.Equal(AlertStatus.Critical, am.Current.Alert.Status);

        // Clearing a type ends its alerts at once.
        am.Process(4, EventTypes.ImmediateDisable);
        Assert.Equal("commIssue/softDisable", am.Current.AlertType);
        am.Process(4, EventTypes.ImmediateDisable | EventTypes.SoftDisable | EventTypes.NoEntry);
        Assert.Same(ShownAlert.None, am.Current);
    }

    [Fact]
    public void AlertStaysItsDurationAndWhileRaised()
    {
        var am = new AlertManager(100);
        var events = new EventSet();
        events.Add(EventName.SteerSaturated);   // warning, 2 s
        for (long f = 1; f <= 500; f++)
        {
            am.Add(f, events, EventTypes.Warning);
            am.Process(f, EventTypes.None);
        }
        Assert.Equal("steerSaturated/warning", am.Current.AlertType);
        am.Process(501, EventTypes.None);
        Assert.Equal("steerSaturated/warning", am.Current.AlertType);   // raised until 500: ends at 501
        am.Process(502, EventTypes.None);
        Assert.Same(ShownAlert.None, am.Current);
    }
}
