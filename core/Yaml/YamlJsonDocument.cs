using System.Text.Json.Nodes;

namespace Netguard.Core.Yaml;

/// <summary>One document of a YAML stream, as JSON.</summary>
/// <param name="Root">The document's content; null for an empty document or an explicit null.</param>
/// <param name="Index">0-based position of the document in its stream (empty documents count).</param>
/// <param name="Line">1-based line where the document's content starts (its <c>---</c> line when it has no content).</param>
/// <param name="Lines">Source lines of the values inside the document.</param>
public sealed record YamlJsonDocument(JsonNode? Root, int Index, int Line, YamlSourceMap Lines);
