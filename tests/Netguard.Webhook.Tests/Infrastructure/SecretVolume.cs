using System.Runtime.InteropServices;
using Netguard.Testing.Certificates;

namespace Netguard.Webhook.Tests.Infrastructure;

/// <summary>
/// A directory laid out as the kubelet lays out a Secret volume (its atomic writer): the data lives in a
/// timestamped directory, "..data" links to it, and tls.crt/tls.key link through "..data". An update
/// writes a new timestamped directory and renames a fresh "..data_tmp" link over "..data", so both files
/// change in one atomic step.
/// </summary>
internal sealed partial class SecretVolume(string path)
{
    [LibraryImport("libc", EntryPoint = "rename", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Rename(string oldPath, string newPath);

    private int _generation;

    public void Publish(TestCertificate certificate)
    {
        var previous = Directory.Exists(Path.Combine(path, "..data")) ? new DirectoryInfo(Path.Combine(path, "..data")).LinkTarget : null;
        var name = $"..2026_11_22_05_00_00.{++_generation:D9}";
        var data = Directory.CreateDirectory(Path.Combine(path, name));
        File.WriteAllText(Path.Combine(data.FullName, "tls.crt"), certificate.CertificatePem);
        File.WriteAllText(Path.Combine(data.FullName, "tls.key"), certificate.KeyPem());

        var temp = Path.Combine(path, "..data_tmp");
        Directory.CreateSymbolicLink(temp, name);

        // rename(2) replaces the old link atomically; .NET's Move refuses to overwrite a directory (link).
        if (Rename(temp, Path.Combine(path, "..data")) != 0)
        {
            throw new IOException($"rename {temp} failed: errno {Marshal.GetLastPInvokeError()}");
        }

        foreach (var file in new[] { "tls.crt", "tls.key" })
        {
            var link = Path.Combine(path, file);
            if (!File.Exists(link))
            {
                File.CreateSymbolicLink(link, Path.Combine("..data", file));
            }
        }

        if (previous is not null)
        {
            Directory.Delete(Path.Combine(path, previous), recursive: true);
        }
    }
}
