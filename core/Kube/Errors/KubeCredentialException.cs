namespace Netguard.Core.Kube.Errors;

/// <summary>Credentials could not be obtained: an exec plugin failed or printed something unusable, a token file vanished.</summary>
public sealed class KubeCredentialException : KubeException
{
    public KubeCredentialException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
