using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Netguard.Core.Yaml;

namespace Netguard.Core.Manifests;

/// <summary>
/// Reads Kubernetes objects from manifests the way <c>kubectl apply -f</c> takes them:
/// <list type="bullet">
/// <item>a path is a file, a directory (walked recursively for *.yaml, *.yml and *.json, in ordinal path order,
/// skipping hidden entries — names starting with "." — and kustomization files, which are build instructions,
/// not objects), or <c>-</c> for standard input;</item>
/// <item>a file is a YAML stream (documents separated by <c>---</c>) or JSON (*.json, or text starting with
/// "{"; several concatenated values are allowed); empty documents are skipped;</item>
/// <item><c>kind: List</c> and other <c>*List</c> kinds with an <c>items</c> array are expanded in place; items of a
/// typed list (PodList) that omit kind/apiVersion take them from the list;</item>
/// <item>every object must be a mapping with a non-empty string <c>apiVersion</c> and <c>kind</c>.</item>
/// </list>
/// Any problem stops the read with a one-line <see cref="ManifestException"/> naming the file and line.
/// </summary>
public static class ManifestReader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>
    /// Reads every path in order (see the class remarks); <paramref name="stdin"/> serves "-". Relative paths are
    /// resolved against <paramref name="baseDirectory"/> (default: the process's current directory) but keep the
    /// spelling the user gave in sources and errors.
    /// </summary>
    public static IReadOnlyList<Manifest> ReadPaths(IEnumerable<string> paths, TextReader? stdin = null, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var result = new List<Manifest>();
        string? stdinText = null;
        foreach (var path in paths)
        {
            if (path == "-")
            {
                if (stdinText is null)
                {
                    stdinText = stdin?.ReadToEnd() ?? throw new ManifestException("-: standard input is not available");
                    result.AddRange(ReadText(stdinText, ManifestSource.StdinName));
                }

                continue;
            }

            foreach (var (file, display) in ExpandPath(path, baseDirectory ?? Directory.GetCurrentDirectory()))
            {
                result.AddRange(ReadText(ReadFile(file, display), display));
            }
        }

        return result;
    }

    /// <summary>The objects in one file's text; <paramref name="sourceName"/> names it in sources and errors.</summary>
    public static IReadOnlyList<Manifest> ReadText(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        var result = new List<Manifest>();
        foreach (var doc in ReadDocuments(text, sourceName))
        {
            if (doc.Root is null)
            {
                continue;
            }

            var source = new ManifestSource(sourceName, doc.Line, doc.Index + 1);
            if (doc.Root is not JsonObject obj)
            {
                throw ManifestException.At(sourceName, doc.Line, $"document {source.Document}: expected a Kubernetes object (a mapping), found {Describe(doc.Root)}");
            }

            Add(result, obj, source, doc.Lines, "", $"document {source.Document}", listApiVersion: null, listItemKind: null);
        }

        return result;
    }

    /// <summary>
    /// The files a path stands for — itself when it is a file, else the manifest files under it — each as
    /// (path to open, path to show), sorted by the shown path.
    /// </summary>
    internal static IEnumerable<(string File, string Display)> ExpandPath(string path, string baseDirectory)
    {
        var full = Path.GetFullPath(path, baseDirectory);
        if (File.Exists(full))
        {
            return [(full, path)];
        }

        if (!Directory.Exists(full))
        {
            // -f takes several paths, so a flag written after them arrives here as one.
            var flag = path.StartsWith('-') && path.Length > 1;
            throw ManifestException.At(path, null, "no such file or directory" + (flag ? " (if it is a flag, put it before -f)" : ""));
        }

        var files = new List<(string, string)>();
        Walk(full, path, files, new HashSet<string>(StringComparer.Ordinal));
        files.Sort((a, b) => StringComparer.Ordinal.Compare(a.Item2, b.Item2));
        return files;
    }

    private static void Walk(string dir, string display, List<(string, string)> files, HashSet<string> visited)
    {
        // Directory symlinks are followed once each, so a link loop cannot recurse forever.
        var real = new DirectoryInfo(dir).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(dir);
        if (!visited.Add(real))
        {
            return;
        }

        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(dir).ToList();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw ManifestException.At(display, null, Reason(e), e);
        }

        foreach (var entry in entries)
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.'))
            {
                continue;
            }

            if (Directory.Exists(entry))
            {
                Walk(entry, Path.Join(display, name), files, visited);
            }
            else if (Extensions.Any(x => name.EndsWith(x, StringComparison.OrdinalIgnoreCase))
                && !Path.GetFileNameWithoutExtension(name).Equals("kustomization", StringComparison.OrdinalIgnoreCase))
            {
                files.Add((entry, Path.Join(display, name)));
            }
        }
    }

    private static string ReadFile(string file, string display)
    {
        try
        {
            return File.ReadAllText(file, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ManifestException.At(display, null, Reason(e), e);
        }
    }

    private static string Reason(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };

    private static IReadOnlyList<YamlJsonDocument> ReadDocuments(string text, string sourceName)
    {
        var looksJson = sourceName.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        var trimmed = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (looksJson || (trimmed.Length > 0 && trimmed[0] == '{'))
        {
            try
            {
                return JsonStream.Read(text);
            }
            catch (JsonStreamException e) when (looksJson)
            {
                throw ManifestException.At(sourceName, e.Line, e.Reason, e);
            }
            catch (JsonStreamException)
            {
                // Text starting with "{" may still be a YAML flow mapping ({a: 1}): let the YAML reader judge it.
            }
        }

        try
        {
            return YamlJsonReader.ReadDocuments(text);
        }
        catch (YamlReadException e)
        {
            throw ManifestException.At(sourceName, e.Line, e.Reason, e);
        }
    }

    private static void Add(
        List<Manifest> result,
        JsonObject obj,
        ManifestSource source,
        YamlSourceMap lines,
        string pointer,
        string what,
        string? listApiVersion,
        string? listItemKind)
    {
        var apiVersion = StringField(obj, "apiVersion");
        var kind = StringField(obj, "kind");
        if (listItemKind is not null)
        {
            // Items of a typed list (PodList from the API) usually omit their own kind and apiVersion.
            if (kind is null && obj["kind"] is null)
            {
                kind = listItemKind;
                apiVersion ??= listApiVersion;
            }
        }

        if (apiVersion is null || kind is null)
        {
            var missing = (apiVersion, kind) switch
            {
                (null, null) => "\"apiVersion\" and \"kind\"",
                (null, _) => "\"apiVersion\"",
                _ => "\"kind\"",
            };
            var name = obj["metadata"]?["name"] is JsonValue n && n.TryGetValue<string>(out var s) ? $" (name \"{s}\")" : "";
            throw ManifestException.At(source.File, source.Line, $"{what}{name}: object has no {missing} (want non-empty strings)");
        }

        if (kind == "List" && obj["items"] is not (null or JsonArray))
        {
            throw ManifestException.At(source.File, source.Line, $"{what}: List \"items\" must be a list, found {Describe(obj["items"])}");
        }

        if (obj["items"] is JsonArray items && kind.EndsWith("List", StringComparison.Ordinal))
        {
            var children = items.ToList();
            items.Clear(); // detach, so each item can stand alone (or be patched) as its own object
            for (var i = 0; i < children.Count; i++)
            {
                var itemPointer = pointer + "/items/" + i.ToString(CultureInfo.InvariantCulture);
                var itemSource = source with { Line = lines.NearestLineOf(itemPointer) ?? source.Line };
                var itemWhat = $"{what} {kind}.items[{i}]";
                if (children[i] is not JsonObject item)
                {
                    throw ManifestException.At(source.File, itemSource.Line, $"{itemWhat}: expected an object, found {Describe(children[i])}");
                }

                Add(result, item, itemSource, lines, itemPointer, itemWhat, apiVersion, kind == "List" ? null : kind[..^"List".Length]);
            }

            return;
        }

        if (kind == "List" && obj["items"] is null)
        {
            return; // an empty List
        }

        result.Add(new Manifest(obj, apiVersion, kind, source, lines, pointer));
    }

    private static string? StringField(JsonObject obj, string key) =>
        obj[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "a list",
        JsonObject => "an object",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => "a boolean",
        },
    };
}
