using System.CommandLine;

namespace Pilot.Cli;

/// <summary>The command groups of the <c>pilot</c> CLI, one per area; add a group here and in its own file.</summary>
internal static class CommandGroups
{
    public static IEnumerable<Command> All()
    {
        yield return CapnpCommands.Create();
        yield return HardwareCommands.Create();
        yield return VisionCommands.Create();
        yield return SimCommands.Create();
        yield return DrivingCommands.Eval();
        yield return TrainCommands.Create();
        yield return CanCommands.Create();
        yield return BridgeCommands.Create();
        yield return ZooCommands.Create();
        yield return Daemons.ControlsdCommand.Create();
        yield return Daemons.CardCommand.Create();
        yield return Daemons.SimulatorCommand.Create();
        yield return Daemons.CameradCommand.Create();
        yield return Daemons.ModeldCommand.Create();
        yield return Daemons.RadardCommand.Create();
        yield return Daemons.PlannerdCommand.Create();
        yield return Daemons.ManagerCommand.Create();
        yield return Daemons.LoggerdCommand.Create();
        yield return DriveCommand.Create();
        foreach (var command in MessagingCommands.All()) yield return command;
    }
}
