using System.Reflection;
using System.Text.Json.Nodes;
using Netguard.Core.Yaml;

namespace Netguard.Plugin.Commands.Install;

/// <summary>
/// The repository's manifests/ folder, embedded in the binary at build time (examples excluded), read the way
/// <c>kubectl apply -k manifests/</c> would read it: from manifests/kustomization.yaml through every
/// <c>resources</c> entry (files, or folders with their own kustomization.yaml), in order. Only plain resource
/// lists are understood; a kustomization with transformers (patches, images, generators…) is refused, so
/// <c>install</c> can never silently print something else than <c>apply -k</c> would.
/// </summary>
public static class EmbeddedManifests
{
    public const string Root = "manifests/kustomization.yaml";

    private static readonly HashSet<string> KnownKustomizationKeys = new(StringComparer.Ordinal) { "apiVersion", "kind", "resources" };

    private static Dictionary<string, string> Resources { get; } = typeof(EmbeddedManifests).Assembly
        .GetManifestResourceNames()
        .Where(n => n.Replace('\\', '/').StartsWith("manifests/", StringComparison.Ordinal))
        .ToDictionary(n => n.Replace('\\', '/'), n => n, StringComparer.Ordinal);

    /// <summary>Every object, in kustomization order. Throws <see cref="InvalidOperationException"/> on a broken build.</summary>
    public static IReadOnlyList<EmbeddedManifest> Load()
    {
        var objects = new List<EmbeddedManifest>();
        Walk(Root, objects, new HashSet<string>(StringComparer.Ordinal));
        return objects;
    }

    /// <summary>The text of an embedded file.</summary>
    public static string Read(string path)
    {
        if (!Resources.TryGetValue(path, out var resource))
        {
            throw new InvalidOperationException($"{path} is not built into this binary");
        }

        using var stream = typeof(EmbeddedManifests).Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void Walk(string kustomization, List<EmbeddedManifest> objects, HashSet<string> seen)
    {
        if (!seen.Add(kustomization))
        {
            throw new InvalidOperationException($"{kustomization} is included twice");
        }

        var root = YamlJsonReader.ReadSingle(Read(kustomization)).Root as JsonObject
            ?? throw new InvalidOperationException($"{kustomization} is not a mapping");
        if (root.Select(p => p.Key).FirstOrDefault(k => !KnownKustomizationKeys.Contains(k)) is { } unknown)
        {
            throw new InvalidOperationException($"{kustomization}: install does not implement kustomize's \"{unknown}\"");
        }

        var folder = kustomization[..(kustomization.LastIndexOf('/') + 1)];
        foreach (var entry in root["resources"] as JsonArray ?? [])
        {
            var relative = entry?.GetValue<string>().TrimEnd('/') ?? throw new InvalidOperationException($"{kustomization}: null resource");
            var path = Normalize(folder + relative);
            if (path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal))
            {
                foreach (var doc in YamlJsonReader.ReadDocuments(Read(path)))
                {
                    if (doc.Root is JsonObject obj)
                    {
                        objects.Add(new EmbeddedManifest(path, obj));
                    }
                }
            }
            else
            {
                Walk(path + "/kustomization.yaml", objects, seen);
            }
        }
    }

    /// <summary>Resolves "a/b/../c" and "./" segments.</summary>
    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }
            }
            else if (segment is not ("." or ""))
            {
                parts.Add(segment);
            }
        }

        return string.Join('/', parts);
    }
}
