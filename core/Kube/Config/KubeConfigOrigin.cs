using Netguard.Core.Kube.Errors;

namespace Netguard.Core.Kube.Config;

/// <summary>Where a setting came from (file, context, field path such as <c>users[1].user</c> or a flag), for error messages.</summary>
public sealed record KubeConfigOrigin(string? File, string? Context, string? FieldPath)
{
    public static KubeConfigOrigin None { get; } = new(null, null, null);

    /// <summary>An error about <paramref name="field"/> under this origin's field path.</summary>
    public KubeConfigException Error(string field, string message, Exception? inner = null) =>
        new(message, File, Context, Join(field), inner);

    public string Join(string field) =>
        field.StartsWith("--", StringComparison.Ordinal) || string.IsNullOrEmpty(FieldPath) ? field : $"{FieldPath}.{field}";
}
