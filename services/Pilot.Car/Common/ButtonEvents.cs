using Pilot.Car.Model;

namespace Pilot.Car.Common;

/// <summary>
/// Turns a button signal's value change into press/release events (openpilot create_button_events): a change to a
/// pressed value is a press of that button; a change to the unpressed value releases the previous button.
/// </summary>
public static class ButtonEvents
{
    public static void Add(List<ButtonEventData> events, int current, int previous, IReadOnlyDictionary<int, ButtonType> buttons, int unpressed = 0)
    {
        if (current == previous) return;
        if (previous != unpressed) events.Add(new(Lookup(previous, buttons), Pressed: false));
        if (current != unpressed) events.Add(new(Lookup(current, buttons), Pressed: true));
    }

    private static ButtonType Lookup(int value, IReadOnlyDictionary<int, ButtonType> buttons) =>
        buttons.TryGetValue(value, out var type) ? type : ButtonType.Unknown;
}
