namespace Netguard.Core.Config;

/// <summary>Namespaces where pods may request Class; "*" is every namespace.</summary>
public sealed class QosRequestGrant
{
    public string Class { get; set; } = "";
    public List<string> Namespaces { get; set; } = [];

    public static List<QosRequestGrant> Defaults() =>
    [
        new() { Class = "latency-sensitive", Namespaces = ["*"] },
        new() { Class = "bulk", Namespaces = ["*"] },
    ];
}
