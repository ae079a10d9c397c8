using System.Text;

namespace Netguard.Core.JsonPatch;

/// <summary>RFC 6901 JSON Pointer: building from reference tokens and parsing back.</summary>
public static class JsonPointer
{
    /// <summary>Escapes one reference token: "~" becomes "~0", "/" becomes "~1" (in that order).</summary>
    public static string Escape(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }

    /// <summary>Builds a pointer from unescaped tokens: ("metadata", "annotations", "netguard.io/qos-class") → /metadata/annotations/netguard.io~1qos-class.</summary>
    public static string Create(params ReadOnlySpan<string> tokens)
    {
        var sb = new StringBuilder();
        foreach (var t in tokens)
        {
            sb.Append('/').Append(Escape(t));
        }

        return sb.ToString();
    }

    /// <summary>Splits a pointer into unescaped tokens; "" is the whole document.</summary>
    public static IReadOnlyList<string> Parse(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            throw new JsonPatchException($"invalid JSON pointer \"{pointer}\": must be empty or start with \"/\"");
        }

        var parts = pointer[1..].Split('/');
        var tokens = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            tokens[i] = Unescape(parts[i], pointer);
        }

        return tokens;
    }

    private static string Unescape(string token, string pointer)
    {
        if (!token.Contains('~', StringComparison.Ordinal))
        {
            return token;
        }

        var sb = new StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] != '~')
            {
                sb.Append(token[i]);
                continue;
            }

            if (i + 1 >= token.Length || (token[i + 1] != '0' && token[i + 1] != '1'))
            {
                throw new JsonPatchException($"invalid JSON pointer \"{pointer}\": \"~\" must be followed by 0 or 1");
            }

            sb.Append(token[i + 1] == '0' ? '~' : '/');
            i++;
        }

        return sb.ToString();
    }
}
