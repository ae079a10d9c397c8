using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Netguard.Core.Yaml;

/// <summary>
/// Writes JSON as block-style YAML in kubectl's layout: two-space indentation, sequences under a key not
/// indented, keys in the JSON's order, empty collections as <c>{}</c>/<c>[]</c>. A string is written plain
/// unless <see cref="YamlJsonReader"/> (or a YAML 1.1 reader) would read it back as something else —
/// <c>"yes"</c>, <c>"0644"</c>, <c>"1.5"</c>, <c>""</c>, <c>"a: b"</c> are quoted — and multi-line strings become
/// literal blocks (<c>|</c>). Reading the output back yields the same JSON.
/// </summary>
public static partial class YamlJsonWriter
{
    /// <summary>The YAML text of one document (ends with a newline).</summary>
    public static string Write(JsonNode? node)
    {
        var sb = new StringBuilder();
        using (var writer = new StringWriter(sb, CultureInfo.InvariantCulture))
        {
            Write(node, writer);
        }

        return sb.ToString();
    }

    /// <summary>Writes one document to <paramref name="writer"/>.</summary>
    public static void Write(JsonNode? node, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        new Emitter(writer).WriteRoot(node);
    }

    /// <summary>Several documents separated by <c>---</c> lines.</summary>
    public static string WriteDocuments(IEnumerable<JsonNode?> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var sb = new StringBuilder();
        var first = true;
        foreach (var doc in documents)
        {
            if (!first)
            {
                sb.Append("---\n");
            }

            sb.Append(Write(doc));
            first = false;
        }

        return sb.ToString();
    }

    private sealed class Emitter(TextWriter output)
    {
        public void WriteRoot(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject { Count: > 0 } or JsonArray { Count: > 0 }:
                    WriteCollection(node, 0, startsInline: false);
                    break;
                default:
                    // A root block scalar still indents its content, so a "---" or "..." line stays content.
                    WriteScalarOrEmpty(node, 2);
                    break;
            }
        }

        /// <summary>
        /// Writes a non-empty object or array whose lines sit at <paramref name="indent"/>. When
        /// <paramref name="startsInline"/>, the cursor is already after "- " and the first line needs no indent.
        /// </summary>
        private void WriteCollection(JsonNode node, int indent, bool startsInline)
        {
            var first = true;
            if (node is JsonObject obj)
            {
                foreach (var (key, value) in obj)
                {
                    if (!(first && startsInline))
                    {
                        Indent(indent);
                    }

                    output.Write(Scalar(key, allowPlain: true));
                    output.Write(':');
                    switch (value)
                    {
                        case JsonObject { Count: > 0 }:
                            output.Write('\n');
                            WriteCollection(value, indent + 2, startsInline: false);
                            break;
                        case JsonArray { Count: > 0 }:
                            output.Write('\n');
                            WriteCollection(value, indent, startsInline: false); // kubectl style: "- " at the key's column
                            break;
                        default:
                            output.Write(' ');
                            WriteScalarOrEmpty(value, indent + 2);
                            break;
                    }

                    first = false;
                }

                return;
            }

            foreach (var item in (JsonArray)node)
            {
                if (!(first && startsInline))
                {
                    Indent(indent);
                }

                output.Write("- ");
                if (item is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
                {
                    WriteCollection(item, indent + 2, startsInline: true);
                }
                else
                {
                    WriteScalarOrEmpty(item, indent + 2);
                }

                first = false;
            }
        }

        /// <summary>Writes a scalar or an empty collection and ends the line; block strings put their content at <paramref name="contentIndent"/>.</summary>
        private void WriteScalarOrEmpty(JsonNode? node, int contentIndent)
        {
            switch (node)
            {
                case null:
                    output.Write("null\n");
                    return;
                case JsonObject:
                    output.Write("{}\n");
                    return;
                case JsonArray:
                    output.Write("[]\n");
                    return;
            }

            var value = node.AsValue();
            switch (value.GetValueKind())
            {
                case JsonValueKind.String:
                    var s = StringOf(value);
                    if (LiteralBlock(s) is { } header)
                    {
                        WriteLiteral(s, header, contentIndent);
                        return;
                    }

                    output.Write(Scalar(s, allowPlain: true));
                    break;
                case JsonValueKind.True:
                    output.Write("true");
                    break;
                case JsonValueKind.False:
                    output.Write("false");
                    break;
                case JsonValueKind.Null:
                    output.Write("null");
                    break;
                default:
                    output.Write(value.ToJsonString()); // a JSON number is a YAML int or float as written
                    break;
            }

            output.Write('\n');
        }

        private void WriteLiteral(string s, string header, int indent)
        {
            output.Write(header);
            output.Write('\n');
            var body = s.TrimEnd('\n');
            foreach (var line in body.Split('\n'))
            {
                if (line.Length > 0)
                {
                    Indent(indent);
                    output.Write(line);
                }

                output.Write('\n');
            }

            // "|+" keeps trailing line breaks: the body's own last break is written above, the rest as empty lines.
            for (var extra = s.Length - body.Length - 1; extra > 0 && header == "|+"; extra--)
            {
                output.Write('\n');
            }
        }

        private void Indent(int n)
        {
            for (var i = 0; i < n; i++)
            {
                output.Write(' ');
            }
        }
    }

    private static string StringOf(JsonValue value) =>
        value.TryGetValue<string>(out var s) ? s : JsonDocument.Parse(value.ToJsonString()).RootElement.GetString() ?? "";

    /// <summary>
    /// The block header ("|", "|-" or "|+") when <paramref name="s"/> is best written as a literal block: it has
    /// a line break, only printable characters, and its first non-empty line does not start with a space
    /// (which would need an indentation indicator).
    /// </summary>
    private static string? LiteralBlock(string s)
    {
        if (!s.Contains('\n', StringComparison.Ordinal))
        {
            return null;
        }

        var firstContent = s.TrimStart('\n');
        if (firstContent.Length == 0 || firstContent[0] is ' ' or '\t' || s.Any(c => c != '\n' && c != '\t' && !IsPrintable(c)))
        {
            return null;
        }

        var trailing = s.Length - s.TrimEnd('\n').Length;
        return trailing switch
        {
            0 => "|-",
            1 => "|",
            _ => "|+",
        };
    }

    /// <summary>The scalar as plain text when that reads back as the same string, else double-quoted.</summary>
    internal static string Scalar(string s, bool allowPlain) =>
        allowPlain && IsPlainSafe(s) ? s : DoubleQuoted(s);

    internal static bool IsPlainSafe(string s)
    {
        if (s.Length == 0 || YamlScalarResolver.Classify(s) != PlainScalarType.String)
        {
            return false;
        }

        var first = s[0];
        if (first is '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' or ' ')
        {
            return false;
        }

        // "-x" is a plain scalar, "- x" a sequence entry; "---"/"..." would start or end a document.
        if (first == '-' && (s.Length == 1 || s[1] == ' ' || s.StartsWith("---", StringComparison.Ordinal)))
        {
            return false;
        }

        if (s.StartsWith("...", StringComparison.Ordinal) || s[^1] is ' ' or ':')
        {
            return false;
        }

        foreach (var c in s)
        {
            if (c == '\t' || !IsPrintable(c))
            {
                return false;
            }
        }

        // ": " and " #" end a plain scalar; YamlDotNet also misreads a key holding " *" (as an alias), so quote
        // the anchor/alias/tag indicators after a space too.
        if (s.Contains(": ", StringComparison.Ordinal) || s.Contains(" #", StringComparison.Ordinal) || s.Contains(" *", StringComparison.Ordinal)
            || s.Contains(" &", StringComparison.Ordinal) || s.Contains(" !", StringComparison.Ordinal))
        {
            return false;
        }

        // YAML 1.1 readers (go-yaml v2 among them) take these for timestamps and sexagesimal numbers, YAML 1.2
        // readers take "1e3" for a float: quote them so every reader sees a string.
        return !LooksLikeTimestamp(s) && !LooksSexagesimal(s) && !Yaml12Number().IsMatch(s);
    }

    /// <summary>The int and float patterns of the YAML 1.2 core schema.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Yaml12Number();

    private static bool LooksLikeTimestamp(string s) =>
        s.Length >= 5 && char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[1]) && char.IsAsciiDigit(s[2]) && char.IsAsciiDigit(s[3]) && s[4] == '-';

    private static bool LooksSexagesimal(string s)
    {
        var body = s.TrimStart('+', '-');
        return body.Length > 2 && char.IsAsciiDigit(body[0]) && body.Contains(':', StringComparison.Ordinal)
            && body.All(c => char.IsAsciiDigit(c) || c is ':' or '.' or '_');
    }

    /// <summary>YAML's printable set minus the characters YAML 1.1 takes as line breaks (NEL, LS, PS) and the BOM.</summary>
    private static bool IsPrintable(char c) =>
        c is (>= ' ' and <= '~') or (>= '\u00A0' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD')
        && c is not ('\u2028' or '\u2029' or '\uFEFF')
        || char.IsSurrogate(c);

    private static string DoubleQuoted(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\0':
                    sb.Append("\\0");
                    break;
                default:
                    var pairedSurrogate = char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
                    if (pairedSurrogate)
                    {
                        sb.Append(c).Append(s[++i]);
                    }
                    else if (char.IsSurrogate(c) || !IsPrintable(c))
                    {
                        sb.Append(c <= '\u00FF' ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}");
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
