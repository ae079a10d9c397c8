namespace Netguard.Webhook.Tests.Infrastructure;

/// <summary>Files of this repository (manifests, examples), found by walking up from the test assembly.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(params string[] relative) => Path.Combine([Root, .. relative]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KubectlNetguard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("KubectlNetguard.sln not found above " + AppContext.BaseDirectory);
    }
}
