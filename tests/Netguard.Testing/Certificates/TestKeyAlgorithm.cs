namespace Netguard.Testing.Certificates;

/// <summary>Key type of a generated test certificate.</summary>
public enum TestKeyAlgorithm
{
    /// <summary>RSA 2048.</summary>
    Rsa,

    /// <summary>ECDSA on NIST P-256.</summary>
    EcdsaP256,
}
