using System.Text.Json.Nodes;
using Netguard.Core.Kube.Models;
using Netguard.Core.Yaml;

namespace Netguard.Core.Config;

/// <summary>
/// Loads a NetguardConfig from YAML (SPEC §4). Every field has a default, so an empty text is the built-in
/// default config; mappings are filled field by field, lists and label maps replace their default. Unknown
/// keys, wrong types and every rule of <see cref="NetguardConfigValidator"/> are reported all at once, each
/// with its path and source line. The text may also be a ConfigMap manifest holding the config under
/// <c>data.config.yaml</c> (lines then count in the manifest when the value is a literal block).
/// </summary>
public static class NetguardConfigLoader
{
    /// <summary>The ConfigMap key that holds the config (SPEC §3).</summary>
    public const string ConfigMapKey = "config.yaml";

    /// <summary>Loads <paramref name="yaml"/>; <paramref name="source"/> names it in problem lines.</summary>
    public static ConfigLoadResult Load(string yaml, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (!TryRead(yaml, 0, out var doc, out var problem))
        {
            return new(null, [problem], source);
        }

        if (IsConfigMap(doc.Root))
        {
            return LoadFromConfigMapDocument(doc, source);
        }

        return Bind(doc, 0, source);
    }

    /// <summary>Reads and loads a file. I/O failures (missing file, no permission) are thrown as the usual IOException types.</summary>
    public static ConfigLoadResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Load(File.ReadAllText(path), path);
    }

    /// <summary>Loads the config held by a ConfigMap read from the API (key <c>config.yaml</c>).</summary>
    public static ConfigLoadResult LoadConfigMap(ConfigMap configMap, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(configMap);
        source ??= $"ConfigMap {configMap.Metadata.Namespace}/{configMap.Metadata.Name}";
        return configMap.Data is { } data && data.TryGetValue(ConfigMapKey, out var text)
            ? Load(text, source)
            : new(null, [MissingKey(null)], source);
    }

    /// <summary>The config, or a <see cref="ConfigValidationException"/> listing every problem.</summary>
    public static NetguardConfig LoadOrThrow(string yaml, string? source = null) => Load(yaml, source).GetConfigOrThrow();

    private static ConfigLoadResult LoadFromConfigMapDocument(YamlJsonDocument configMap, string? source)
    {
        const string Pointer = "/data/config.yaml";
        var value = configMap.Root!["data"]?[ConfigMapKey];
        if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
        {
            return new(null, [value is null ? MissingKey(configMap.Lines.NearestLineOf(Pointer)) : new ConfigProblem($"data[\"{ConfigMapKey}\"]", "want a string holding the NetguardConfig", configMap.Lines.LineOf(Pointer))], source);
        }

        // In a literal block (config.yaml: |), line N of the value is line blockLine + N of the manifest.
        var offset = configMap.Lines.TryGetLiteralBlockLine(Pointer, out var blockLine) ? blockLine : 0;
        if (!TryRead(text, offset, out var inner, out var problem))
        {
            return new(null, [problem], source);
        }

        var result = Bind(inner, offset, source);
        if (offset == 0 && !result.IsValid)
        {
            // A quoted or folded value has no line mapping: point every problem at the key.
            var keyLine = configMap.Lines.LineOf(Pointer);
            return new(null, result.Problems.Select(p => p with { Line = keyLine }).ToList(), source);
        }

        return result;
    }

    private static ConfigLoadResult Bind(YamlJsonDocument doc, int lineOffset, string? source)
    {
        var reader = new ConfigNodeReader();
        var config = NetguardConfigBinder.Bind(doc.Root, reader);
        var found = reader.Problems.ToList();

        // A value that failed to bind kept its default; rules about that same value would only repeat the problem.
        NetguardConfigValidator.Validate(config, (path, message) =>
        {
            if (!reader.Problems.Any(p => path.IsWithin(p.Path)))
            {
                found.Add((path, message + DefaultHint(doc, path)));
            }
        });

        var problems = found
            .Select(p => new ConfigProblem(p.Path.Display, p.Message, doc.Lines.NearestLineOf(p.Path.Pointer) + lineOffset))
            .OrderBy(p => p.Line ?? int.MaxValue) // stable: same-line problems keep their order
            .ToList();
        return new(config, problems, source);
    }

    /// <summary>
    /// For a problem in a value the text does not set (a default, e.g. the default assignments naming a class
    /// the user's classes lack), which setting that default belongs to: " (qos.assignments is the default; set it
    /// to fit the rest of the config)". Empty when the text sets the value.
    /// </summary>
    private static string DefaultHint(YamlJsonDocument doc, ConfigPath path)
    {
        if (doc.Root is null || doc.Lines.LineOf(path.Pointer) is not null)
        {
            return "";
        }

        var shallowest = ConfigPath.Root;
        foreach (var token in JsonPatch.JsonPointer.Parse(path.Pointer))
        {
            shallowest = token.All(char.IsAsciiDigit) && int.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out var index)
                ? shallowest.Index(index)
                : shallowest.Key(token);
            if (doc.Lines.LineOf(shallowest.Pointer) is null)
            {
                break;
            }
        }

        return $" ({shallowest.Display} is the default; set it to fit the rest of the config)";
    }

    private static bool TryRead(string yaml, int lineOffset, out YamlJsonDocument doc, out ConfigProblem problem)
    {
        try
        {
            doc = YamlJsonReader.ReadSingle(yaml);
            problem = null!;
            return true;
        }
        catch (YamlReadException e)
        {
            doc = null!;
            problem = new ConfigProblem("", e.Reason, e.Line + lineOffset);
            return false;
        }
    }

    private static bool IsConfigMap(JsonNode? root) =>
        root is JsonObject o
        && o["kind"] is JsonValue k && k.TryGetValue<string>(out var kind) && kind == "ConfigMap"
        && o["apiVersion"] is JsonValue a && a.TryGetValue<string>(out var apiVersion) && apiVersion == "v1";

    private static ConfigProblem MissingKey(int? line) =>
        new($"data[\"{ConfigMapKey}\"]", $"missing: the ConfigMap holds the NetguardConfig under the key {ConfigMapKey}", line);
}
