namespace Netguard.Core.Kube.Config;

/// <summary>
/// Where to look for kubeconfig files: <c>--kubeconfig</c> (one file, must exist), else the
/// <c>KUBECONFIG</c> list, else <c>$HOME/.kube/config</c>.
/// </summary>
public sealed record KubeConfigSource
{
    /// <summary>--kubeconfig; relative paths are taken against <see cref="CurrentDirectory"/>.</summary>
    public string? ExplicitPath { get; init; }

    /// <summary>The value of the KUBECONFIG environment variable (a ':'-separated list).</summary>
    public string? KubeconfigVariable { get; init; }

    public string? HomeDirectory { get; init; }

    public string CurrentDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>The process's own environment.</summary>
    public static KubeConfigSource FromEnvironment(string? explicitPath = null) => new()
    {
        ExplicitPath = explicitPath,
        KubeconfigVariable = Environment.GetEnvironmentVariable("KUBECONFIG"),
        HomeDirectory = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
    };
}
