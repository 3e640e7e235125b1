using NetMQ;

namespace Pilot.Messaging.PubSub;

/// <summary>Single-frame sends from a span through NetMQ's pooled messages, and waiting on several sockets.</summary>
internal static class NetMqFrames
{
    /// <summary>Copies <paramref name="data"/> into one pooled message and sends it; never blocks (PUB drops at the high-water mark).</summary>
    public static void Send(NetMQSocket socket, ReadOnlySpan<byte> data)
    {
        var msg = new Msg();
        msg.InitPool(data.Length);
        data.CopyTo(msg.Slice());
        try { socket.Send(ref msg, more: false); }
        finally { msg.Close(); }
    }
}

/// <summary>Waits on NetMQ subscribers with one poll call (zmq_poll), as openpilot's SubMaster does.</summary>
internal static class NetMqWait
{
    // Poll items per subscriber list: a SubMaster waits on the same list every update, so they are built once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<ISubscriber>, NetMQSelector.Item[]> Items = new();

    public static bool Any(IReadOnlyList<ISubscriber> subscribers, int timeoutMs)
    {
        var items = Items.GetValue(subscribers, Build);
        return new NetMQSelector().Select(items, items.Length, timeoutMs);
    }

    private static NetMQSelector.Item[] Build(IReadOnlyList<ISubscriber> subscribers)
    {
        var items = new NetMQSelector.Item[subscribers.Count];
        for (int i = 0; i < items.Length; i++)
        {
            var socket = subscribers[i] is NetMqSubscriber s ? s.Socket
                : throw new ArgumentException($"{subscribers[i].Service} is not a NetMQ subscriber", nameof(subscribers));
            items[i] = new NetMQSelector.Item(socket, PollEvents.PollIn);
        }
        return items;
    }
}
