using System.Reflection;
using System.Runtime.InteropServices;

namespace Netguard.Plugin.Cli;

/// <summary>This build's version, in the shape kubectl reports its own.</summary>
public sealed record ClientVersion(string GitVersion, string Major, string Minor, string Platform)
{
    public static ClientVersion Current { get; } = Read();

    private static ClientVersion Read()
    {
        var assembly = typeof(ClientVersion).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var version = informational.Split('+')[0]; // drop the source-control suffix
        var parts = version.Split('.', '-');
        var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "windows" : "unknown";
        var arch = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "amd64",
            Architecture.Arm64 => "arm64",
            var other => other.ToString().ToLowerInvariant(),
        };
        return new ClientVersion("v" + version, parts[0], parts.Length > 1 ? parts[1] : "0", $"{os}/{arch}");
    }
}
