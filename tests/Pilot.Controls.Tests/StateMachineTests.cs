using Pilot.Controls.Engagement;
using static Pilot.Controls.Engagement.EventTypes;
using State = Pilot.Messaging.Events.SelfdriveState.State;

namespace Pilot.Controls.Tests;

/// <summary>
/// The engagement rules, exhaustively: every state against every combination of event types (2^10), so that no
/// ordering of the table can let a refusal or a disengagement slip.
/// </summary>
public sealed class StateMachineTests
{
    private static readonly State[] States = Enum.GetValues<State>();
    private static IEnumerable<EventTypes> AllCombinations() => Enumerable.Range(0, 1 << EventTypeNames.Count).Select(i => (EventTypes)i);

    /// <summary>A machine put into <paramref name="state"/> through the rules themselves.</summary>
    private static StateMachine In(State state)
    {
        var sm = new StateMachine(100);
        switch (state)
        {
            case State.Disabled: break;
            case State.Enabled: sm.Update(Enable); break;
            case State.PreEnabled: sm.Update(Enable | PreEnable); break;
            case State.Overriding: sm.Update(Enable | OverrideLongitudinal); break;
            case State.SoftDisabling: sm.Update(Enable); sm.Update(SoftDisable); break;
        }
        Assert.Equal(state, sm.State);
        return sm;
    }

    [Fact]
    public void NoEntryAlwaysRefusesEngagement()
    {
        foreach (var types in AllCombinations().Where(t => (t & NoEntry) != 0))
        {
            var sm = In(State.Disabled);
            sm.Update(types);
            Assert.Equal(State.Disabled, sm.State);
            Assert.False(sm.Enabled || sm.Active);
            if ((types & Enable) != 0) Assert.True((sm.AlertTypes & NoEntry) != 0, $"{types}: refusal not shown");
        }
    }

    [Fact]
    public void NothingEngagesWithoutAnEnableEvent()
    {
        foreach (var types in AllCombinations().Where(t => (t & Enable) == 0))
        {
            var sm = In(State.Disabled);
            sm.Update(types);
            Assert.Equal(State.Disabled, sm.State);
        }
    }

    [Fact]
    public void UserAndImmediateDisableEndEveryEngagedStateAtOnce()
    {
        foreach (var from in States.Where(s => s != State.Disabled))
            foreach (var types in AllCombinations().Where(t => (t & (UserDisable | ImmediateDisable)) != 0))
            {
                var sm = In(from);
                sm.Update(types);
                Assert.True(sm.State == State.Disabled, $"{from} + {types} → {sm.State}");
                var shown = (types & UserDisable) != 0 ? UserDisable : ImmediateDisable;
                Assert.True((sm.AlertTypes & shown) != 0);
            }
    }

    [Fact]
    public void EveryTransitionLandsInAKnownStateAndActiveImpliesEnabled()
    {
        foreach (var from in States)
            foreach (var types in AllCombinations())
            {
                var sm = In(from);
                sm.Update(types);
                Assert.Contains(sm.State, States);
                Assert.True(!sm.Active || sm.Enabled);
                Assert.True((sm.AlertTypes & Permanent) != 0);
                Assert.Equal(sm.Active, (sm.AlertTypes & Warning) != 0);
            }
    }

    [Fact]
    public void SoftDisableCountsDownThreeSecondsThenDisables()
    {
        var sm = In(State.SoftDisabling);
        for (int i = 1; i < 300; i++)
        {
            sm.Update(SoftDisable);
            Assert.Equal(State.SoftDisabling, sm.State);
            Assert.True((sm.AlertTypes & SoftDisable) != 0);
        }
        sm.Update(SoftDisable);
        Assert.Equal(State.Disabled, sm.State);
    }

    [Fact]
    public void SoftDisableClearingReturnsToEnabledAndReArmsNextTime()
    {
        var sm = In(State.SoftDisabling);
        for (int i = 0; i < 200; i++) sm.Update(SoftDisable);
        sm.Update(None);
        Assert.Equal(State.Enabled, sm.State);
        sm.Update(SoftDisable);
        Assert.Equal(State.SoftDisabling, sm.State);
        Assert.Equal(300, sm.SoftDisableTimer);
    }

    [Theory]
    [InlineData(State.Enabled, OverrideLateral, State.Overriding)]
    [InlineData(State.Overriding, None, State.Enabled)]
    [InlineData(State.Overriding, OverrideLongitudinal | SoftDisable, State.SoftDisabling)]
    [InlineData(State.PreEnabled, None, State.Enabled)]
    [InlineData(State.PreEnabled, PreEnable, State.PreEnabled)]
    [InlineData(State.Enabled, NoEntry | Enable, State.Enabled)]
    [InlineData(State.Disabled, Enable | OverrideLateral, State.Overriding)]
    [InlineData(State.Enabled, Warning, State.Enabled)]
    public void Transitions(State from, EventTypes types, State to)
    {
        var sm = In(from);
        sm.Update(types);
        Assert.Equal(to, sm.State);
    }
}
