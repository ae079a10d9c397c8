namespace Netguard.Core.Config;

public sealed class NetpolConfig
{
    public DnsConfig Dns { get; set; } = new();
}
