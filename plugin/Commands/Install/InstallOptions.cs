namespace Netguard.Plugin.Commands.Install;

/// <summary>What <c>install</c> changes in the embedded manifests. Null means "as built in".</summary>
public sealed record InstallOptions
{
    public required string Namespace { get; init; }

    public string? WebhookImage { get; init; }

    public string? AgentImage { get; init; }

    /// <summary>The NetguardConfig YAML for the ConfigMap's config.yaml (already validated).</summary>
    public string? ConfigYaml { get; init; }
}
