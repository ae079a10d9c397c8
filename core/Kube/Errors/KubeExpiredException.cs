using Netguard.Core.Kube.Models;

namespace Netguard.Core.Kube.Errors;

/// <summary>
/// 410 Gone / reason Expired: the requested resourceVersion has been compacted away (a watch or a
/// list continue token that is too old). The caller must list again from scratch; informers do.
/// </summary>
public sealed class KubeExpiredException : KubeApiException
{
    public KubeExpiredException(ApiStatus status)
        : base(status, 410)
    {
    }
}
