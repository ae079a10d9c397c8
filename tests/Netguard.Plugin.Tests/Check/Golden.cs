namespace Netguard.Plugin.Tests.Check;

/// <summary>
/// Golden files next to the tests (Check/golden). Set NETGUARD_UPDATE_GOLDEN=1 to rewrite them from the
/// current output, then review the diff by hand before committing.
/// </summary>
internal static class Golden
{
    public static string ProjectDirectory { get; } = FindProjectDirectory();

    public static string TestData(string relative) => Path.Combine(ProjectDirectory, "Check", "TestData", relative);

    public static void Match(string name, string actual)
    {
        var path = Path.Combine(ProjectDirectory, "Check", "golden", name);
        if (Environment.GetEnvironmentVariable("NETGUARD_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        File.Exists(path).ShouldBeTrue($"golden file {path} is missing (run with NETGUARD_UPDATE_GOLDEN=1 and review it)");
        actual.ShouldBe(File.ReadAllText(path), $"output differs from {path}");
    }

    private static string FindProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Netguard.Plugin.Tests.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the Netguard.Plugin.Tests project directory above " + AppContext.BaseDirectory);
    }
}
