namespace Netguard.Testing.Certificates;

/// <summary>A certificate and the PEM files it was written to.</summary>
public sealed record TestCertificateFiles(TestCertificate Certificate, string CertificatePath, string KeyPath);
