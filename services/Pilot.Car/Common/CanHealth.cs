using Pilot.Can.Packing;
using Pilot.Car.Model;

namespace Pilot.Car.Common;

/// <summary>The CAN health fields of carState, all from the port's parser (openpilot card: canValid, canTimeout).</summary>
public static class CanHealth
{
    public static void Fill(CanParser parser, CarStateData s)
    {
        s.CanValid = parser.CanValid;
        s.CanTimeout = parser.BusTimeout;
        long errors = 0;
        foreach (var m in parser.Messages) errors += m.ChecksumFailures + m.LengthErrors;
        s.CanErrorCounter = (uint)Math.Min(errors, uint.MaxValue);
    }
}
