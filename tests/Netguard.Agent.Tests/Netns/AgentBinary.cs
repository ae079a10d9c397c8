namespace Netguard.Agent.Tests.Netns;

/// <summary>The built netguard-agent (copied next to the tests by the project reference), run with the same dotnet host.</summary>
internal static class AgentBinary
{
    public static string Command
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "netguard-agent.dll");
            var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
            return $"{dotnet} {dll}";
        }
    }
}
