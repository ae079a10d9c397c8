namespace Netguard.Core.Kube.Errors;

/// <summary>
/// The API server could not be reached or spoken to: connection refused, unknown host, TLS failure,
/// timeout. The message says what happened and names the server URL.
/// </summary>
public sealed class KubeConnectionException : KubeException
{
    public KubeConnectionException(string message, Uri server, bool isTimeout = false, Exception? innerException = null, bool isDropped = false)
        : base(message, innerException)
    {
        Server = server;
        IsTimeout = isTimeout;
        IsDropped = isDropped;
    }

    public Uri Server { get; }

    /// <summary>True when the request ran out of time (--request-timeout) rather than failing outright.</summary>
    public bool IsTimeout { get; }

    /// <summary>
    /// True when the server dropped a connection that was working (reset, or EOF mid-handshake or mid-response):
    /// a transient failure that a read may try again. Refused connections and TLS rejections are not.
    /// </summary>
    public bool IsDropped { get; }
}
