namespace Netguard.Core.Config;

public sealed class ColocateTarget
{
    public Dictionary<string, string> Labels { get; set; } = new(StringComparer.Ordinal);
}
