using System.Threading.Channels;
using System.Text.Json.Nodes;

namespace Netguard.Testing.FakeApiServer;

/// <summary>One open watch stream: the lines still to send, and a way to cut the connection.</summary>
internal sealed class FakeWatcher
{
    public FakeWatcher(string resourceKey, string? ns, FakeSelector labels, FakeSelector fields, bool bookmarks)
    {
        ResourceKey = resourceKey;
        Namespace = ns;
        Labels = labels;
        Fields = fields;
        Bookmarks = bookmarks;
    }

    public string ResourceKey { get; }
    public string? Namespace { get; }
    public FakeSelector Labels { get; }
    public FakeSelector Fields { get; }
    public bool Bookmarks { get; }

    public Channel<string> Lines { get; } = Channel.CreateUnbounded<string>();

    /// <summary>Set when the test asks for an abrupt disconnect (connection reset, no clean end).</summary>
    public CancellationTokenSource Abort { get; } = new();

    public bool Wants(JsonObject obj) =>
        (Namespace is null || (string?)obj["metadata"]?["namespace"] == Namespace) && Labels.Matches(obj) && Fields.Matches(obj);
}
