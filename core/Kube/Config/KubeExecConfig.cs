namespace Netguard.Core.Kube.Config;

/// <summary>An exec credential plugin (<c>users[].user.exec</c>).</summary>
public sealed record KubeExecConfig
{
    /// <summary>The program; absolute when the kubeconfig gave a path with a separator, else looked up on PATH.</summary>
    public required string Command { get; init; }

    /// <summary>Arguments, passed as they are (never re-split on spaces).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> Env { get; init; } = [];

    /// <summary>client.authentication.k8s.io/v1 or v1beta1.</summary>
    public required string ApiVersion { get; init; }

    public string? InstallHint { get; init; }

    public bool ProvideClusterInfo { get; init; }

    public ExecInteractiveMode InteractiveMode { get; init; } = ExecInteractiveMode.IfAvailable;
}
