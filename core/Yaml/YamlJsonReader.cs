using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Netguard.Core.Yaml;

/// <summary>
/// Reads YAML text into <see cref="JsonNode"/> trees the way Kubernetes does (sigs.k8s.io/yaml over go-yaml v2):
/// <list type="bullet">
/// <item>plain scalars are typed by <see cref="YamlScalarResolver"/> (YAML 1.1: <c>yes</c>/<c>no</c>/<c>on</c>/<c>off</c> are
/// booleans, as kubectl reads them); quoted and block scalars, and scalars tagged <c>!!str</c> or <c>!</c>, are strings;</item>
/// <item>anchors and aliases are expanded (each alias becomes a copy); merge keys <c>&lt;&lt;</c> take the entries of
/// the mapping(s) they name that the mapping does not set itself (earlier sources win);</item>
/// <item>mapping keys become strings: booleans as "true"/"false", numbers in decimal; null or collection keys are errors;</item>
/// <item>a key given twice is an error (kubectl's default <c>--validate=strict</c> refuses duplicate fields too);</item>
/// <item>.inf and .nan are errors, since JSON has no such numbers.</item>
/// </list>
/// Every error is a <see cref="YamlReadException"/> with the line it happened on.
/// </summary>
public static class YamlJsonReader
{
    /// <summary>Deeper nesting than this is refused rather than risking the stack.</summary>
    public const int MaxDepth = 256;

    /// <summary>Alias expansion may copy at most this many nodes per stream (a guard against "billion laughs").</summary>
    public const int MaxAliasExpansion = 1_000_000;

    /// <summary>Every document of a YAML stream, empty ones included (their Root is null).</summary>
    public static IReadOnlyList<YamlJsonDocument> ReadDocuments(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);

        // A byte order mark decoded into the text (stdin, a StringReader) is not content.
        using var reader = new StringReader(yaml.StartsWith('\uFEFF') ? yaml[1..] : yaml);
        return new StreamBuilder(new Parser(reader)).ReadStream();
    }

    /// <inheritdoc cref="ReadDocuments(string)"/>
    public static IReadOnlyList<YamlJsonDocument> ReadDocuments(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadDocuments(reader.ReadToEnd());
    }

    /// <summary>
    /// A stream that must hold at most one document; an empty stream reads as an empty document
    /// (Root null, line 1).
    /// </summary>
    public static YamlJsonDocument ReadSingle(string yaml)
    {
        var docs = ReadDocuments(yaml);
        return docs.Count switch
        {
            0 => new YamlJsonDocument(null, 0, 1, YamlSourceMap.Empty),
            1 => docs[0],
            _ => throw new YamlReadException(docs[1].Line, 1, $"expected one YAML document, found {docs.Count}"),
        };
    }

    private sealed class StreamBuilder
    {
        private readonly Parser _parser;
        private Dictionary<string, JsonNode?> _anchors = new(StringComparer.Ordinal);
        private Dictionary<string, int> _lines = new(StringComparer.Ordinal);
        private Dictionary<string, int> _literalBlocks = new(StringComparer.Ordinal);
        private Mark _lastMark = Mark.Empty;
        private long _aliasBudget = MaxAliasExpansion;

        public StreamBuilder(Parser parser) => _parser = parser;

        public List<YamlJsonDocument> ReadStream()
        {
            var docs = new List<YamlJsonDocument>();
            Expect<StreamStart>();
            while (Peek() is DocumentStart start)
            {
                Next();
                _anchors = new(StringComparer.Ordinal);
                _lines = new(StringComparer.Ordinal);
                _literalBlocks = new(StringComparer.Ordinal);
                // An empty explicit document is reported at its "---"; any other at its first content line.
                var line = !start.IsImplicit && Peek() is Scalar { Value.Length: 0, Style: ScalarStyle.Plain, Tag.IsEmpty: true }
                    ? LineOf(start.Start)
                    : LineOf(Peek().Start);
                var root = ReadNode("", 0);
                Expect<DocumentEnd>();
                docs.Add(new YamlJsonDocument(root, docs.Count, line, new YamlSourceMap(_lines, _literalBlocks)));
            }

            Expect<StreamEnd>();
            return docs;
        }

        private JsonNode? ReadNode(string pointer, int depth)
        {
            if (depth > MaxDepth)
            {
                throw Error(Peek().Start, $"nesting is deeper than {MaxDepth} levels");
            }

            var e = Next();
            _lines.TryAdd(pointer, LineOf(e.Start));
            switch (e)
            {
                case Scalar scalar:
                    var value = ScalarValue(scalar);
                    if (scalar.Style == ScalarStyle.Literal)
                    {
                        _literalBlocks[pointer] = LineOf(scalar.Start);
                    }

                    Remember(scalar.Anchor, value);
                    return value;
                case AnchorAlias alias:
                    return Dereference(alias);
                case SequenceStart seq:
                    var array = new JsonArray();
                    Remember(seq.Anchor, array);
                    while (Peek() is not SequenceEnd)
                    {
                        array.Add(ReadNode(pointer + "/" + array.Count.ToString(CultureInfo.InvariantCulture), depth + 1));
                    }

                    Next();
                    return array;
                case MappingStart map:
                    var obj = new JsonObject();
                    Remember(map.Anchor, obj);
                    ReadMapping(obj, pointer, depth);
                    return obj;
                default:
                    throw Error(e.Start, $"unexpected {e.GetType().Name}");
            }
        }

        private void ReadMapping(JsonObject obj, string pointer, int depth)
        {
            // Keys that came from a merge may be overridden by an explicit key; explicit keys may not repeat.
            HashSet<string>? merged = null;
            while (Peek() is not MappingEnd)
            {
                var keyEvent = Peek();
                if (keyEvent is Scalar { Style: ScalarStyle.Plain, Value: "<<" } mergeKey && mergeKey.Tag.IsEmpty)
                {
                    Next();
                    var source = ReadNode(pointer + "/<<", depth + 1);
                    _lines.Remove(pointer + "/<<");
                    RemoveLinesUnder(pointer + "/<<");
                    Merge(obj, source, keyEvent.Start, merged ??= new(StringComparer.Ordinal), pointer);
                    continue;
                }

                var key = ReadKey();
                var childPointer = pointer + "/" + EscapePointer(key);
                if (obj.ContainsKey(key))
                {
                    if (merged is null || !merged.Remove(key))
                    {
                        throw Error(keyEvent.Start, $"key \"{key}\" is already defined at line {_lines.GetValueOrDefault(childPointer)}");
                    }

                    obj.Remove(key);
                    RemoveLinesUnder(childPointer);
                }

                _lines[childPointer] = LineOf(keyEvent.Start);
                obj[key] = ReadNode(childPointer, depth + 1);
            }

            Next();
        }

        private void Merge(JsonObject target, JsonNode? source, Mark at, HashSet<string> merged, string pointer)
        {
            switch (source)
            {
                case JsonObject map:
                    foreach (var (key, value) in map)
                    {
                        if (!target.ContainsKey(key))
                        {
                            target[key] = value?.DeepClone();
                            merged.Add(key);
                            _lines.TryAdd(pointer + "/" + EscapePointer(key), LineOf(at));
                        }
                    }

                    break;
                case JsonArray list:
                    foreach (var item in list)
                    {
                        if (item is not JsonObject)
                        {
                            throw Error(at, "a merge key (<<) takes a mapping or a sequence of mappings");
                        }

                        Merge(target, item, at, merged, pointer);
                    }

                    break;
                default:
                    throw Error(at, "a merge key (<<) takes a mapping or a sequence of mappings");
            }
        }

        private string ReadKey()
        {
            var e = Next();
            switch (e)
            {
                case Scalar s:
                    var key = ScalarValue(s);
                    Remember(s.Anchor, key);
                    return KeyText(key, e.Start);
                case AnchorAlias alias:
                    return KeyText(Dereference(alias), e.Start);
                default:
                    throw Error(e.Start, "a mapping key must be a scalar (a string, number or boolean)");
            }
        }

        private string KeyText(JsonNode? key, Mark at) => key switch
        {
            null => throw Error(at, "a mapping key must not be null"),
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
            JsonValue v => v.ToJsonString(),
            _ => throw Error(at, "a mapping key must be a scalar (a string, number or boolean)"),
        };

        private JsonNode? ScalarValue(Scalar s)
        {
            var tag = s.Tag.IsEmpty ? "" : s.Tag.Value;
            var wanted = tag switch
            {
                "" when s.Style == ScalarStyle.Plain => (PlainScalarType?)null,
                "tag:yaml.org,2002:int" => PlainScalarType.Int,
                "tag:yaml.org,2002:float" => PlainScalarType.Float,
                "tag:yaml.org,2002:bool" => PlainScalarType.Bool,
                "tag:yaml.org,2002:null" => PlainScalarType.Null,
                _ => PlainScalarType.String, // quoted and block scalars, !!str, "!", and application tags (go-yaml keeps their text)
            };
            if (wanted == PlainScalarType.String)
            {
                return JsonValue.Create(s.Value);
            }

            var type = YamlScalarResolver.Resolve(s.Value, out var value);
            if (type == PlainScalarType.NonFinite)
            {
                throw Error(s.Start, $"{s.Value} cannot be represented in JSON");
            }

            if (wanted is { } w && w != type && !(w == PlainScalarType.Float && type == PlainScalarType.Int))
            {
                throw Error(s.Start, $"cannot read \"{s.Value}\" as {tag["tag:yaml.org,2002:".Length..]}");
            }

            return type == PlainScalarType.Merge ? JsonValue.Create(s.Value) : value;
        }

        private void Remember(AnchorName anchor, JsonNode? node)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = node;
            }
        }

        private JsonNode? Dereference(AnchorAlias alias)
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var target))
            {
                throw Error(alias.Start, $"alias *{alias.Value.Value} refers to no anchor defined before it");
            }

            if (target is null)
            {
                return null;
            }

            _aliasBudget -= CountNodes(target);
            if (_aliasBudget < 0)
            {
                throw Error(alias.Start, $"aliases expand to more than {MaxAliasExpansion} values");
            }

            return target.DeepClone();
        }

        private static long CountNodes(JsonNode node) => node switch
        {
            JsonObject o => 1 + o.Sum(p => p.Value is null ? 1 : CountNodes(p.Value)),
            JsonArray a => 1 + a.Sum(i => i is null ? 1 : CountNodes(i)),
            _ => 1,
        };

        private void RemoveLinesUnder(string pointer)
        {
            foreach (var p in _lines.Keys.Where(k => k.StartsWith(pointer + "/", StringComparison.Ordinal)).ToList())
            {
                _lines.Remove(p);
            }
        }

        private ParsingEvent Peek()
        {
            try
            {
                if (_parser.Current is null && !_parser.MoveNext())
                {
                    throw Error(_lastMark, "unexpected end of input");
                }

                return _parser.Current!;
            }
            catch (YamlException e)
            {
                throw new YamlReadException(LineOf(e.Start), ColumnOf(e.Start), Sentence(e.Message), e);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
            {
                // YamlDotNet's scanner throws these on some malformed input; report where we were.
                throw new YamlReadException(LineOf(_lastMark), ColumnOf(_lastMark), "malformed YAML after this point", e);
            }
        }

        private ParsingEvent Next()
        {
            var e = Peek();
            _lastMark = e.End;
            try
            {
                _parser.MoveNext();
            }
            catch (YamlException ex)
            {
                throw new YamlReadException(LineOf(ex.Start), ColumnOf(ex.Start), Sentence(ex.Message), ex);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
            {
                throw new YamlReadException(LineOf(_lastMark), ColumnOf(_lastMark), "malformed YAML after this point", ex);
            }

            return e;
        }

        private T Expect<T>()
            where T : ParsingEvent
        {
            var e = Next();
            return e as T ?? throw Error(e.Start, $"expected {typeof(T).Name}, found {e.GetType().Name}");
        }

        private static YamlReadException Error(Mark at, string reason) => new(LineOf(at), ColumnOf(at), reason);

        /// <summary>"While parsing a block mapping, did not find expected key." → "while parsing a block mapping, did not find expected key".</summary>
        private static string Sentence(string message)
        {
            var m = message.Trim().TrimEnd('.');
            return m.Length > 1 && char.IsUpper(m[0]) && !char.IsUpper(m[1]) ? char.ToLowerInvariant(m[0]) + m[1..] : m;
        }
    }

    private static int LineOf(Mark mark) => (int)Math.Min(mark.Line, int.MaxValue);

    private static int ColumnOf(Mark mark) => (int)Math.Min(mark.Column, int.MaxValue);

    private static string EscapePointer(string token) =>
        token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
