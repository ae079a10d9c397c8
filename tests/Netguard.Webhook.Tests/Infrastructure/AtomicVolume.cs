using System.Runtime.InteropServices;
using Netguard.Testing.Certificates;

namespace Netguard.Webhook.Tests.Infrastructure;

/// <summary>
/// A directory laid out as the kubelet lays out Secret and ConfigMap volumes (its atomic writer): the data
/// lives in a timestamped directory, "..data" links to it, and each key's file links through "..data". An
/// update writes a new timestamped directory and renames a fresh "..data_tmp" link over "..data", so all
/// files change in one atomic step.
/// </summary>
internal sealed partial class AtomicVolume(string path)
{
    [LibraryImport("libc", EntryPoint = "rename", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Rename(string oldPath, string newPath);

    private int _generation;

    /// <summary>A Secret of type kubernetes.io/tls: keys tls.crt and tls.key.</summary>
    public void Publish(TestCertificate certificate) =>
        Publish(new Dictionary<string, string> { ["tls.crt"] = certificate.CertificatePem, ["tls.key"] = certificate.KeyPem() });

    public void Publish(IReadOnlyDictionary<string, string> files)
    {
        var previous = Directory.Exists(Path.Combine(path, "..data")) ? new DirectoryInfo(Path.Combine(path, "..data")).LinkTarget : null;
        var name = $"..2026_11_22_05_00_00.{++_generation:D9}";
        var data = Directory.CreateDirectory(Path.Combine(path, name));
        foreach (var (key, text) in files)
        {
            File.WriteAllText(Path.Combine(data.FullName, key), text);
        }

        var temp = Path.Combine(path, "..data_tmp");
        Directory.CreateSymbolicLink(temp, name);

        // rename(2) replaces the old link atomically; .NET's Move refuses to overwrite a directory (link).
        if (Rename(temp, Path.Combine(path, "..data")) != 0)
        {
            throw new IOException($"rename {temp} failed: errno {Marshal.GetLastPInvokeError()}");
        }

        foreach (var file in files.Keys)
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
