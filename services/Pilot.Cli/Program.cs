using System.CommandLine;
using Pilot.Cli;

// One root command; each area of Pilot contributes its own command group from its own file.
var root = new RootCommand("Pilot: an open driving-assistance runtime.");
foreach (var command in CommandGroups.All())
    root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
