using System.Runtime.CompilerServices;

namespace Netguard.Plugin.Tests;

/// <summary>
/// Golden files in a Golden/ folder next to the calling test file. Expected output is written by hand; set
/// NETGUARD_UPDATE_GOLDEN=1 to rewrite them from the actual output, then review the diff before committing.
/// </summary>
internal static class Golden
{
    public static string PathOf(string name, [CallerFilePath] string caller = "") =>
        Path.Combine(Path.GetDirectoryName(caller)!, "Golden", name);

    public static string Read(string name, [CallerFilePath] string caller = "") => File.ReadAllText(PathOf(name, caller));

    public static void ShouldMatch(string actual, string name, [CallerFilePath] string caller = "")
    {
        var path = PathOf(name, caller);
        if (Environment.GetEnvironmentVariable("NETGUARD_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        actual.ShouldBe(File.ReadAllText(path), $"golden file {name}");
    }
}
