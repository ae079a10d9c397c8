namespace Netguard.Webhook.Tls;

/// <summary>The certificate or key files cannot be used; the message is one line naming the file.</summary>
public sealed class CertificateLoadException : Exception
{
    public CertificateLoadException()
    {
    }

    public CertificateLoadException(string message)
        : base(message)
    {
    }

    public CertificateLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
