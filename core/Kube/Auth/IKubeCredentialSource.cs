namespace Netguard.Core.Kube.Auth;

/// <summary>Supplies credentials per request, and fresh ones after the server answered 401.</summary>
internal interface IKubeCredentialSource
{
    /// <summary>The credential to use now (cached while valid).</summary>
    ValueTask<KubeCredential> GetAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Called once after a 401 with the credential that was rejected. Returns a different credential
    /// to retry with, or null when nothing new can be had (the 401 then stands).
    /// </summary>
    ValueTask<KubeCredential?> RefreshAsync(KubeCredential rejected, CancellationToken cancellationToken);
}
