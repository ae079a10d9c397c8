namespace Netguard.Agent.Tests.Fakes;

/// <summary>Files of this repository (examples, golden files), found by walking up to the solution.</summary>
internal static class RepositoryFiles
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "KubectlNetguard.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("KubectlNetguard.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
