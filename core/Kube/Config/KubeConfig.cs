namespace Netguard.Core.Kube.Config;

/// <summary>
/// A kubeconfig: one file, or several merged with client-go's first-wins rules. Build client
/// options from it with <see cref="KubeClientOptionsBuilder"/> (or <see cref="KubeClientOptions.FromKubeConfig"/>).
/// </summary>
public sealed record KubeConfig
{
    public static KubeConfig Empty { get; } = new();

    /// <summary>The files that were read, in precedence order.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    public string? CurrentContext { get; init; }

    /// <summary>The file whose current-context won.</summary>
    public string? CurrentContextFile { get; init; }

    public IReadOnlyDictionary<string, KubeConfigCluster> Clusters { get; init; } = new Dictionary<string, KubeConfigCluster>();

    public IReadOnlyDictionary<string, KubeConfigUser> Users { get; init; } = new Dictionary<string, KubeConfigUser>();

    public IReadOnlyDictionary<string, KubeConfigContext> Contexts { get; init; } = new Dictionary<string, KubeConfigContext>();

    public bool IsEmpty => Clusters.Count == 0 && Users.Count == 0 && Contexts.Count == 0 && CurrentContext is null;

    /// <summary>Where the files are, for messages: "/a/config" or "/a/config, /b/config".</summary>
    public string Describe() => Files.Count == 0 ? "(no kubeconfig file)" : string.Join(", ", Files);

    /// <summary>
    /// client-go's merge: the first file to set current-context wins, and for clusters, users and
    /// contexts the first file to define a name wins (later definitions of the name are ignored whole).
    /// </summary>
    public static KubeConfig Merge(IEnumerable<KubeConfig> inPrecedenceOrder)
    {
        ArgumentNullException.ThrowIfNull(inPrecedenceOrder);
        var files = new List<string>();
        string? current = null;
        string? currentFile = null;
        var clusters = new Dictionary<string, KubeConfigCluster>(StringComparer.Ordinal);
        var users = new Dictionary<string, KubeConfigUser>(StringComparer.Ordinal);
        var contexts = new Dictionary<string, KubeConfigContext>(StringComparer.Ordinal);
        foreach (var config in inPrecedenceOrder)
        {
            files.AddRange(config.Files);
            if (current is null && !string.IsNullOrEmpty(config.CurrentContext))
            {
                current = config.CurrentContext;
                currentFile = config.CurrentContextFile;
            }

            foreach (var (name, value) in config.Clusters)
            {
                clusters.TryAdd(name, value);
            }

            foreach (var (name, value) in config.Users)
            {
                users.TryAdd(name, value);
            }

            foreach (var (name, value) in config.Contexts)
            {
                contexts.TryAdd(name, value);
            }
        }

        return new KubeConfig
        {
            Files = files,
            CurrentContext = current,
            CurrentContextFile = currentFile,
            Clusters = clusters,
            Users = users,
            Contexts = contexts,
        };
    }
}
