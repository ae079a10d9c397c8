using Netguard.Core.Config;

namespace Netguard.Agent.Config;

/// <summary>The core NetguardConfig loader, as the agent uses it: the config, or every problem as one line each.</summary>
internal static class ConfigText
{
    public static (NetguardConfig? Config, IReadOnlyList<string> Problems) Load(string text, string source)
    {
        var result = NetguardConfigLoader.Load(text, source);
        return (result.Config, result.ProblemLines.ToList());
    }
}
