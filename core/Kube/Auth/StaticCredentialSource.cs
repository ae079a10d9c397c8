namespace Netguard.Core.Kube.Auth;

/// <summary>A fixed bearer token or basic-auth pair (or nothing).</summary>
internal sealed class StaticCredentialSource : IKubeCredentialSource
{
    private readonly KubeCredential _credential;

    public StaticCredentialSource(KubeCredential credential) => _credential = credential;

    public ValueTask<KubeCredential> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_credential);

    public ValueTask<KubeCredential?> RefreshAsync(KubeCredential rejected, CancellationToken cancellationToken) =>
        ValueTask.FromResult<KubeCredential?>(null);
}
