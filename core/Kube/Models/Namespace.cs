namespace Netguard.Core.Kube.Models;

/// <summary>A Namespace; its spec and status are kept as extension data.</summary>
public sealed class Namespace : KubeObject
{
}
