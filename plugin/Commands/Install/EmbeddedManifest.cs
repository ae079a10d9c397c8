using System.Text.Json.Nodes;

namespace Netguard.Plugin.Commands.Install;

/// <summary>One object of the manifests built into the binary, with the file it came from (e.g. "manifests/webhook/rbac.yaml").</summary>
public sealed record EmbeddedManifest(string Path, JsonObject Object)
{
    public string Kind => Object["kind"]?.GetValue<string>() ?? "";

    public string Name => Object["metadata"]?["name"]?.GetValue<string>() ?? "";
}
