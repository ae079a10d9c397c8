namespace Netguard.Core.Kube.Client;

/// <summary>Query of a list call. Results are fetched in pages of <see cref="Limit"/> items (kubectl's 500).</summary>
public sealed record ListOptions
{
    public string? LabelSelector { get; init; }
    public string? FieldSelector { get; init; }

    /// <summary>Page size (limit); 0 = ask for everything at once.</summary>
    public int Limit { get; init; } = 500;

    /// <summary>resourceVersion to list at ("" = most recent, "0" = any cached).</summary>
    public string? ResourceVersion { get; init; }
}
