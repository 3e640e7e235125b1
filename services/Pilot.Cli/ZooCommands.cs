using System.CommandLine;
using Pilot.Vision.Zoo.Architectures;
using Pilot.Vision.Zoo.Estimation;

namespace Pilot.Cli;

/// <summary><c>pilot zoo ...</c>: the model zoo's architectures, their layer tables and costs.</summary>
internal static class ZooCommands
{
    public static Command Create()
    {
        var group = new Command("zoo", "Classic vision architectures: list them, print their layer tables and costs.");
        group.Subcommands.Add(List());
        group.Subcommands.Add(Summary());
        return group;
    }

    private static Command List()
    {
        var command = new Command("list", "List the architectures with their parameter counts at their default input size and 1000 classes.");
        command.SetAction(_ =>
        {
            foreach (var (name, description) in Catalog.Names)
                Console.WriteLine($"{name,-18} {Catalog.Build(name).ParameterCount,14:N0}  {description}");
            return 0;
        });
        return command;
    }

    private static Command Summary()
    {
        var name = new Argument<string>("name") { Description = "Architecture name (see ./pilot zoo list)." };
        var input = new Option<int?>("--input") { Description = "Square input side in pixels (default: the architecture's own)." };
        var classes = new Option<int>("--classes") { Description = "Number of classes.", DefaultValueFactory = _ => 1000 };
        var batch = new Option<int>("--batch") { Description = "Batch size the memory and multiply-add figures are for.", DefaultValueFactory = _ => 1 };
        var width = new Option<float>("--width") { Description = "Channel width multiplier.", DefaultValueFactory = _ => 1f };
        var noTop = new Option<bool>("--no-top") { Description = "Drop the classifier (include_top=False)." };
        var command = new Command("summary", "Print the layer table: output shapes, parameters, multiply-adds and activation memory per layer, with totals.")
            { name, input, classes, batch, width, noTop };
        command.SetAction(parse =>
        {
            try
            {
                var options = new ArchitectureOptions
                {
                    InputSize = parse.GetValue(input), Classes = parse.GetValue(classes), Width = parse.GetValue(width), IncludeTop = !parse.GetValue(noTop),
                };
                Console.Write(Estimator.Table(Estimator.Estimate(Catalog.Build(parse.GetValue(name)!, options), parse.GetValue(batch))));
                return 0;
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
