namespace Pilot.Can.Dbc;

internal sealed partial class DbcParser
{
    /// <summary>CAN FD carries at most 64 data bytes.</summary>
    private const int MaxFrameBytes = 64;

    private void ParseMessage(ref DbcTokenizer t)
    {
        int line = t.TokenLine, column = t.TokenColumn;
        uint rawId = MessageId(ref t);
        string name = Identifier(ref t, "a message name");
        Expect(ref t, ':', $"':' after message name {name}");
        int lengthLine = t.TokenLine, lengthColumn = t.TokenColumn;
        long length = Integer(ref t, $"the length of message {name}");
        if (length is < 0 or > MaxFrameBytes)
            DbcException.Throw(t.File, lengthLine, lengthColumn, $"message {name} length {length} is outside 0..{MaxFrameBytes} bytes");
        var senders = new List<string>();
        if (t.Kind == DbcTokenKind.Identifier && t.TokenLine == lengthLine && !IsKeyword(t.Value))
            senders.Add(Identifier(ref t, "the sender"));
        if (_db.MessageList.Count >= _limits.MaxMessages)
            DbcException.Throw(t.File, line, column, $"more than DbcLimits.MaxMessages ({_limits.MaxMessages}) messages");
        uint frameId = rawId & 0x1FFF_FFFF;
        bool extended = (rawId & 0x8000_0000u) != 0 || frameId > 0x7FF;
        var message = new Message(name, frameId, extended, (int)length) { Senders = senders };
        _db.MessageList.Add(message);
        _messagesByRawId[rawId] = message;
        _current = message;
    }

    private void ParseSignal(ref DbcTokenizer t)
    {
        int line = t.TokenLine, column = t.TokenColumn;
        if (_current is null) t.Fail("SG_ outside a message: expected it after a BO_ line");
        var message = _current;
        string name = Identifier(ref t, "a signal name");
        var signal = new Signal(name);
        if (t.Kind == DbcTokenKind.Identifier) ParseMultiplexIndicator(ref t, signal);
        Expect(ref t, ':', $"':' after signal name {name}");
        long start = Integer(ref t, "the start bit");
        Expect(ref t, '|', "'|' between start bit and length");
        int lengthLine = t.TokenLine, lengthColumn = t.TokenColumn;
        long length = Integer(ref t, "the signal length");
        Expect(ref t, '@', "'@' before the byte order");
        if (t.Kind != DbcTokenKind.Number || (!t.Value.SequenceEqual("0") && !t.Value.SequenceEqual("1")))
            t.Fail($"expected the byte order 0 (big endian) or 1 (little endian), found {t.Describe()}");
        signal.ByteOrder = t.Value[0] == '1' ? ByteOrder.LittleEndian : ByteOrder.BigEndian;
        t.Read();
        if (!t.Is('+') && !t.Is('-')) t.Fail($"expected '+' (unsigned) or '-' (signed), found {t.Describe()}");
        signal.IsSigned = t.Is('-');
        t.Read();
        Expect(ref t, '(', "'(' before factor,offset");
        signal.Factor = Number(ref t, "the factor");
        Expect(ref t, ',', "',' between factor and offset");
        signal.Offset = Number(ref t, "the offset");
        Expect(ref t, ')', "')' after factor,offset");
        Expect(ref t, '[', "'[' before minimum|maximum");
        signal.Minimum = Number(ref t, "the minimum");
        Expect(ref t, '|', "'|' between minimum and maximum");
        signal.Maximum = Number(ref t, "the maximum");
        Expect(ref t, ']', "']' after minimum|maximum");
        int unitLine = t.TokenLine;
        signal.Unit = String(ref t, "the unit");
        var receivers = new List<string>();
        while (t.Kind == DbcTokenKind.Identifier && t.TokenLine == unitLine && !IsKeyword(t.Value))
        {
            receivers.Add(t.Value.ToString());
            t.Read();
            if (t.Is(',')) t.Read();
        }
        signal.Receivers = receivers;

        if (length is < 1 or > 64)
            DbcException.Throw(t.File, lengthLine, lengthColumn, $"signal {name} length {length} is outside 1..64 bits");
        signal.StartBit = (int)start;
        signal.Length = (int)length;
        if (!Codec.BitLayout.Fits(signal.ByteOrder, start, length, MaxFrameBytes))
            DbcException.Throw(t.File, line, column, $"signal {name} ({start}|{length}@{(signal.ByteOrder == ByteOrder.LittleEndian ? 1 : 0)}) does not fit in a {MaxFrameBytes}-byte frame");
        if (Codec.BitLayout.BytesNeeded(signal) > message.Length)
        {
            // cantools' strict mode rejects this; opendbc files have it (e.g. vw_pq Lenkhilfe_1, Vector's
            // VECTOR__INDEPENDENT_SIG_MSG of length 0), so it loads with a warning; missing bytes decode as zeros.
            _db.WarningList.Add($"{t.File}:{line}:{column}: signal {name} ({start}|{length}) does not fit in message {message.Name} of {message.Length} bytes");
        }
        if (signal.Factor == 0)
            DbcException.Throw(t.File, line, column, $"signal {name} has factor 0: expected a non-zero factor");
        if (message.SignalList.Count >= _limits.MaxSignalsPerMessage)
            DbcException.Throw(t.File, line, column, $"message {message.Name} has more than DbcLimits.MaxSignalsPerMessage ({_limits.MaxSignalsPerMessage}) signals");
        signal.Index = message.SignalList.Count;
        message.SignalList.Add(signal);
        if (!_signalsByMessage.TryGetValue(message, out var byName)) _signalsByMessage[message] = byName = new(StringComparer.Ordinal);
        byName.TryAdd(name, signal);
        _signalPositions[signal] = (t.File, line, column);
    }

    private void ParseMultiplexIndicator(ref DbcTokenizer t, Signal signal)
    {
        var v = t.Value;
        if (v.SequenceEqual("m"))
        {
            // vw_pq.dbc has a bare "m" (no value): opendbc ignores the indicator, and so does Pilot, with a warning.
            Warn(ref t, $"multiplex indicator 'm' of {signal.Name} has no value; ignored");
        }
        else if (v.SequenceEqual("M"))
        {
            signal.IsMultiplexer = true;
        }
        else if (v.Length >= 2 && v[0] == 'm')
        {
            var digits = v[1..];
            if (digits[^1] == 'M')
            {
                signal.IsMultiplexer = true;
                digits = digits[..^1];
            }
            if (!long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long id))
                t.Fail($"expected a multiplex indicator (M, m<n> or m<n>M), found '{v.ToString()}'");
            signal.MultiplexerRanges = [(id, id)];
        }
        else
        {
            t.Fail($"expected ':' or a multiplex indicator (M, m<n> or m<n>M), found '{v.ToString()}'");
        }
        t.Read();
    }

    private void ParseTransmitters(ref DbcTokenizer t)
    {
        uint id = MessageId(ref t);
        Expect(ref t, ':', "':' after the message id");
        var nodes = new List<string>();
        while (t.Kind == DbcTokenKind.Identifier)
        {
            nodes.Add(t.Value.ToString());
            t.Read();
            if (t.Is(',')) t.Read();
        }
        EndStatement(ref t, $"BO_TX_BU_");
        var m = FindMessage(id);
        if (m is not null) m.Senders = m.Senders.Concat(nodes).Distinct().ToList();
    }

    private IReadOnlyDictionary<long, string> ParseChoices(ref DbcTokenizer t, string statement)
    {
        var choices = new SortedDictionary<long, string>();
        while (t.Kind == DbcTokenKind.Number)
        {
            long value = Integer(ref t, "a raw value");
            string text = String(ref t, $"the description of value {value}");
            choices[value] = text;
            if (choices.Count > _limits.MaxChoices)
                t.Fail($"{statement} has more than DbcLimits.MaxChoices ({_limits.MaxChoices}) value descriptions");
        }
        EndStatement(ref t, $"{statement}");
        return choices;
    }

    private void ParseValueTable(ref DbcTokenizer t)
    {
        string name = Identifier(ref t, "a value table name");
        _db.ValueTableMap[name] = ParseChoices(ref t, "VAL_TABLE_");
    }

    private void ParseValueDescriptions(ref DbcTokenizer t)
    {
        if (t.Kind == DbcTokenKind.Number)
        {
            uint id = MessageId(ref t);
            string name = Identifier(ref t, "a signal name");
            var choices = ParseChoices(ref t, "VAL_");
            var s = FindSignal(id, name);
            if (s is not null) s.Choices = choices;
        }
        else
        {
            string name = Identifier(ref t, "a message id or environment variable name");
            var choices = ParseChoices(ref t, "VAL_");
            var ev = _db.EnvironmentVariableList.FirstOrDefault(e => e.Name == name);
            if (ev is not null) ev.Choices = choices;
        }
    }

    private void ParseSignalGroup(ref DbcTokenizer t)
    {
        uint id = MessageId(ref t);
        string name = Identifier(ref t, "a signal group name");
        long repetitions = Integer(ref t, "the repetitions");
        Expect(ref t, ':', "':' before the group's signals");
        var names = new List<string>();
        while (t.Kind == DbcTokenKind.Identifier)
        {
            names.Add(t.Value.ToString());
            t.Read();
            if (t.Is(',')) t.Read();
        }
        EndStatement(ref t, $"SIG_GROUP_");
        FindMessage(id)?.SignalGroupList.Add(new SignalGroup(name, repetitions, names));
    }

    private void ParseSignalValueType(ref DbcTokenizer t)
    {
        uint id = MessageId(ref t);
        string name = Identifier(ref t, "a signal name");
        if (t.Is(':')) t.Read();
        int line = t.TokenLine, column = t.TokenColumn;
        long type = Integer(ref t, "the value type (0 integer, 1 float, 2 double)");
        EndStatement(ref t, $"SIG_VALTYPE_");
        var s = FindSignal(id, name);
        if (s is null) return;
        s.ValueType = type switch
        {
            0 => SignalValueType.Integer,
            1 => SignalValueType.Float32,
            2 => SignalValueType.Float64,
            _ => throw new DbcException(t.File, line, column, $"SIG_VALTYPE_ {type} for {name}: expected 0 (integer), 1 (float) or 2 (double)"),
        };
        int needed = s.ValueType == SignalValueType.Float32 ? 32 : 64;
        if (s.ValueType != SignalValueType.Integer && s.Length != needed)
            DbcException.Throw(t.File, line, column, $"signal {name} is {s.Length} bits: a {(needed == 32 ? "float" : "double")} needs {needed}");
    }

    private void ParseExtendedMultiplexing(ref DbcTokenizer t)
    {
        uint id = MessageId(ref t);
        string name = Identifier(ref t, "a multiplexed signal name");
        string mux = Identifier(ref t, "the multiplexer signal name");
        var ranges = new List<(long, long)>();
        while (t.Kind == DbcTokenKind.Number)
        {
            long from = Integer(ref t, "a range start");
            long to;
            if (t.Is('-'))
            {
                t.Read();
                to = Integer(ref t, "a range end");
            }
            else if (t.Kind == DbcTokenKind.Number && t.Value[0] == '-')
            {
                to = -Integer(ref t, "a range end");
            }
            else
            {
                t.Fail($"expected '-' in the range {from}-<end>, found {t.Describe()}");
                return;
            }
            if (to < from) t.Fail($"range {from}-{to} is empty: expected start <= end");
            ranges.Add((from, to));
            if (t.Is(',')) t.Read();
        }
        EndStatement(ref t, $"SG_MUL_VAL_");
        var s = FindSignal(id, name);
        if (s is null) return;
        s.MultiplexerSignal = mux;
        s.MultiplexerRanges = ranges;
        s.HasExtendedMultiplexing = true;
    }
}
