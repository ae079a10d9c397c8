namespace Netguard.Testing.Certificates;

/// <summary>How a private key is written as PEM.</summary>
public enum PrivateKeyPemFormat
{
    /// <summary>The algorithm's own structure: PKCS#1 "RSA PRIVATE KEY" or SEC1 "EC PRIVATE KEY" (what kubeadm and openssl write).</summary>
    Traditional,

    /// <summary>PKCS#8 "PRIVATE KEY".</summary>
    Pkcs8,
}
