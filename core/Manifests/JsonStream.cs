using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Netguard.Core.Yaml;

namespace Netguard.Core.Manifests;

/// <summary>
/// A JSON manifest file: one value or several concatenated ones (as <c>kubectl</c> accepts). Duplicate keys
/// are errors, as with YAML. JSON keeps no per-field lines; each value knows the line it starts on.
/// </summary>
internal static class JsonStream
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false, MaxDepth = YamlJsonReader.MaxDepth };

    public static IReadOnlyList<YamlJsonDocument> Read(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            span = span[3..];
        }

        var docs = new List<YamlJsonDocument>();
        var reader = new Utf8JsonReader(span, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = YamlJsonReader.MaxDepth });
        try
        {
            while (reader.Read())
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                var line = 1 + span[..start].Count((byte)'\n');
                JsonNode? root;
                try
                {
                    root = JsonNode.Parse(span[start..end], documentOptions: DocumentOptions);
                }
                catch (JsonException e)
                {
                    throw new JsonStreamException(line + (int)(e.LineNumber ?? 0), Sentence(e.Message), e);
                }

                docs.Add(new YamlJsonDocument(root, docs.Count, line, YamlSourceMap.Empty));
            }
        }
        catch (JsonException e)
        {
            throw new JsonStreamException(1 + (int)(e.LineNumber ?? 0), Sentence(e.Message), e);
        }

        return docs;
    }

    /// <summary>System.Text.Json's message without its " Path: … | LineNumber: … " tail.</summary>
    private static string Sentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        var m = (cut >= 0 ? message[..cut] : message).Trim().TrimEnd('.');
        return m.Length > 1 && char.IsUpper(m[0]) && !char.IsUpper(m[1]) ? char.ToLowerInvariant(m[0]) + m[1..] : m;
    }
}
