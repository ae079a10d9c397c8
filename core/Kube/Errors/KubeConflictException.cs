using Netguard.Core.Kube.Models;

namespace Netguard.Core.Kube.Errors;

/// <summary>409 Conflict on update/patch: the object changed since it was read (stale resourceVersion). Re-read and retry.</summary>
public sealed class KubeConflictException : KubeApiException
{
    public KubeConflictException(ApiStatus status)
        : base(status, 409)
    {
    }
}
