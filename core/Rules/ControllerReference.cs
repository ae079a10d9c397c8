using Netguard.Core.Kube.Models;

namespace Netguard.Core.Rules;

/// <summary>
/// The managing controller of an object: the owner reference with <c>controller: true</c>
/// (metav1.GetControllerOf). Plain owner references without it do not make a pod "DaemonSet-owned".
/// </summary>
public static class ControllerReference
{
    public static OwnerReference? Of(KubeObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return obj.Metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true);
    }

    public static bool IsOwnedBy(KubeObject obj, string kind) =>
        string.Equals(Of(obj)?.Kind, kind, StringComparison.Ordinal);
}
