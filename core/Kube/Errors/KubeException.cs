namespace Netguard.Core.Kube.Errors;

/// <summary>Base of every error the Kubernetes client raises; <see cref="Exception.Message"/> is one line fit for a user.</summary>
public abstract class KubeException : Exception
{
    protected KubeException(string message)
        : base(message)
    {
    }

    protected KubeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
