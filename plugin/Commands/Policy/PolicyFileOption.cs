using System.CommandLine;

namespace Netguard.Plugin.Commands.Policy;

/// <summary><c>-f/--filename</c>: manifest files, directories or <c>-</c>; without it the commands ask the cluster.</summary>
internal static class PolicyFileOption
{
    public static Option<string[]> Create() => new("--filename", "-f")
    {
        Description = "Manifests to read instead of the cluster: files, directories, - for stdin (repeatable)",
        AllowMultipleArgumentsPerToken = false,
        HelpName = "PATH",
    };
}
