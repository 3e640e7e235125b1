using Pilot.Benchmarks;

// ./pilot bench <suite> [suite options]: runs one suite, prints its table, and ends with one JSON line.
var suites = Suites.All().ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
if (args.Length == 0 || !suites.TryGetValue(args[0], out var suite))
{
    Console.Error.WriteLine($"usage: pilot bench <suite>   suites: {string.Join(", ", suites.Keys.Order())}");
    return args.Length == 0 ? 0 : 2;
}
var report = new Report(suite.Name);
suite.Run(report, args[1..]);
report.Print(Console.Out);
return 0;
