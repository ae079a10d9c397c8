namespace Netguard.Plugin.Tests.Install;

/// <summary>The repository checkout the tests run from (found by walking up to KubectlNetguard.sln).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = Find();

    private static string Find()
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
