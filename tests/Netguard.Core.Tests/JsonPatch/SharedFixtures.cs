namespace Netguard.Core.Tests.JsonPatch;

/// <summary>
/// Finds /work/shared/fixtures-style test data: the first <c>shared/fixtures</c> folder walking up from the test
/// assembly (the repository's sibling <c>../shared/fixtures</c> is on that path). Absent on users' machines.
/// </summary>
internal static class SharedFixtures
{
    private static readonly Lazy<string?> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    });

    /// <summary>The folder <paramref name="name"/> under shared/fixtures, or null when it is not there.</summary>
    public static string? Find(string name) =>
        Root.Value is { } root && Directory.Exists(Path.Combine(root, name)) ? Path.Combine(root, name) : null;
}
