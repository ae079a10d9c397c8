namespace Netguard.Core.Kube.Errors;

/// <summary>
/// The API server could not be reached or spoken to: connection refused, unknown host, TLS failure,
/// timeout. The message says what happened and names the server URL.
/// </summary>
public sealed class KubeConnectionException : KubeException
{
    public KubeConnectionException(string message, Uri server, bool isTimeout = false, Exception? innerException = null)
        : base(message, innerException)
    {
        Server = server;
        IsTimeout = isTimeout;
    }

    public Uri Server { get; }

    /// <summary>True when the request ran out of time (--request-timeout) rather than failing outright.</summary>
    public bool IsTimeout { get; }
}
