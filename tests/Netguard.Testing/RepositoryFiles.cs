namespace Netguard.Testing;

/// <summary>Files of the repository checkout the tests run from (examples, manifests, golden files), found by walking up to the solution.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootDirectory = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "KubectlNetguard.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("KubectlNetguard.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootDirectory.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
