namespace Netguard.Core.Kube.Client;

/// <summary>The four patch kinds of the Kubernetes API.</summary>
public enum KubePatchType
{
    /// <summary>RFC 6902 JSON patch: application/json-patch+json.</summary>
    Json,

    /// <summary>RFC 7386 JSON merge patch: application/merge-patch+json.</summary>
    Merge,

    /// <summary>Kubernetes strategic merge patch (built-in kinds only): application/strategic-merge-patch+json.</summary>
    StrategicMerge,

    /// <summary>Server-side apply: application/apply-patch+yaml (JSON is valid YAML); needs a field manager.</summary>
    Apply,
}
