using Netguard.Core.Config;

namespace Netguard.Agent.Config;

/// <summary>Adapter to the core NetguardConfig loader (config-manifests branch); until it lands only an empty file is accepted.</summary>
internal static class ConfigText
{
    public static (NetguardConfig? Config, IReadOnlyList<string> Problems) Load(string text, string source) =>
        string.IsNullOrWhiteSpace(text)
            ? (new NetguardConfig(), [])
            : (null, [$"{source}: config files need the core NetguardConfig loader, which has not landed in this build"]);
}
