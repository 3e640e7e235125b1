namespace Pilot.Can.Dbc;

/// <summary>A network node (BU_) with its comment and attributes.</summary>
public sealed class Node
{
    internal Node(string name) => Name = name;

    public string Name { get; }
    public string? Comment { get; internal set; }
    public IReadOnlyDictionary<string, AttributeValue> Attributes => AttributeMap;
    internal Dictionary<string, AttributeValue> AttributeMap { get; } = new(StringComparer.Ordinal);
}

/// <summary>An environment variable (EV_).</summary>
public sealed class EnvironmentVariable
{
    internal EnvironmentVariable(string name) => Name = name;

    public string Name { get; }
    /// <summary>0 integer, 1 float, 2 string (DBC EV_ type).</summary>
    public int Type { get; internal set; }
    public double Minimum { get; internal set; }
    public double Maximum { get; internal set; }
    public string Unit { get; internal set; } = "";
    public double InitialValue { get; internal set; }
    public long Id { get; internal set; }
    public string AccessType { get; internal set; } = "DUMMY_NODE_VECTOR0";
    public IReadOnlyList<string> AccessNodes { get; internal set; } = [];
    public string? Comment { get; internal set; }
    /// <summary>ENVVAR_DATA_ size in bytes, when declared.</summary>
    public long? DataSize { get; internal set; }
    public IReadOnlyDictionary<long, string> Choices { get; internal set; } = new SortedDictionary<long, string>();
    public IReadOnlyDictionary<string, AttributeValue> Attributes => AttributeMap;
    internal Dictionary<string, AttributeValue> AttributeMap { get; } = new(StringComparer.Ordinal);
}

/// <summary>A signal group (SIG_GROUP_): named set of a message's signals updated together.</summary>
public sealed record SignalGroup(string Name, long Repetitions, IReadOnlyList<string> SignalNames)
{
    public bool Equals(SignalGroup? other) => other is not null && Name == other.Name && Repetitions == other.Repetitions
        && SignalNames.SequenceEqual(other.SignalNames);

    public override int GetHashCode() => HashCode.Combine(Name, Repetitions);
}
