using System.Text.Json;

namespace Netguard.Core.Kube.Models;

/// <summary>One line of a watch stream: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR (object is a Status).</summary>
public sealed class WatchEvent
{
    public string Type { get; set; } = "";
    public JsonElement Object { get; set; }
}
