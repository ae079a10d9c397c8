using System.Globalization;
using System.Text.Json.Nodes;

namespace Netguard.Core.Yaml;

/// <summary>What a plain (unquoted, untagged) scalar means.</summary>
internal enum PlainScalarType
{
    String,
    Null,
    Bool,
    Int,
    Float,

    /// <summary>.inf, -.inf, .nan: a YAML float that JSON cannot hold.</summary>
    NonFinite,

    /// <summary>The merge key <c>&lt;&lt;</c>.</summary>
    Merge,
}

/// <summary>
/// Resolves plain scalars the way Kubernetes reads YAML (sigs.k8s.io/yaml over go-yaml v2, which keeps the
/// YAML 1.1 core schema): <c>~</c>, <c>null</c> and the empty scalar are null; <c>true</c>/<c>false</c> and
/// the YAML 1.1 forms <c>y</c>, <c>yes</c>, <c>on</c>, <c>n</c>, <c>no</c>, <c>off</c> (in lower, Title and
/// UPPER case) are booleans; integers follow Go's base-0 syntax (<c>0x1F</c>, <c>0o17</c>, <c>0b101</c>,
/// and a leading 0 means octal, so <c>0644</c> is 420); floats need digits after an optional point and a
/// signed exponent (<c>1.5</c>, <c>1e+3</c>, <c>.5</c>); everything else, timestamps included, is a string.
/// </summary>
internal static class YamlScalarResolver
{
    private static readonly Dictionary<string, PlainScalarType> Keywords = BuildKeywords();

    public static PlainScalarType Classify(string text) => Resolve(text, out _);

    /// <summary>Resolves <paramref name="text"/>; <paramref name="value"/> is the JSON value (null for null, NonFinite and Merge).</summary>
    public static PlainScalarType Resolve(string text, out JsonNode? value)
    {
        value = null;
        if (Keywords.TryGetValue(text, out var keyword))
        {
            if (keyword == PlainScalarType.Bool)
            {
                value = JsonValue.Create(IsTrue(text));
            }

            return keyword;
        }

        var first = text[0];
        if (first == '.')
        {
            // go-yaml hands these to strconv.ParseFloat: ".5", ".5e3", ".5E-3".
            return IsDotFloat(text) && TryFloat(text, out value) ? PlainScalarType.Float : String(text, out value);
        }

        if (!char.IsAsciiDigit(first) && first != '+' && first != '-')
        {
            return String(text, out value);
        }

        var plain = text.Contains('_', StringComparison.Ordinal) ? text.Replace("_", "", StringComparison.Ordinal) : text;
        if (TryGoInteger(plain, out value))
        {
            return PlainScalarType.Int;
        }

        if (IsYamlStyleFloat(plain) && TryFloat(plain, out value))
        {
            return PlainScalarType.Float;
        }

        return String(text, out value);
    }

    private static PlainScalarType String(string text, out JsonNode? value)
    {
        value = JsonValue.Create(text);
        return PlainScalarType.String;
    }

    private static bool IsTrue(string text) => text[0] is 'y' or 'Y' or 't' or 'T' || text is "on" or "On" or "ON";

    private static bool TryFloat(string text, out JsonNode? value)
    {
        var d = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(d))
        {
            // strconv.ParseFloat reports a range error for 1e+999, and go-yaml then keeps the text.
            value = null;
            return false;
        }

        value = JsonValue.Create(d);
        return true;
    }

    /// <summary>go-yaml v2's float pattern: ^[-+]?[0-9]*\.?[0-9]+([eE][-+][0-9]+)?$ (the exponent sign is required).</summary>
    private static bool IsYamlStyleFloat(string s)
    {
        var i = 0;
        if (i < s.Length && s[i] is '+' or '-')
        {
            i++;
        }

        var integerDigits = CountDigits(s, ref i);
        if (i < s.Length && s[i] == '.')
        {
            i++;
            if (CountDigits(s, ref i) == 0)
            {
                return false; // "1." and "." do not match [0-9]+ after the point
            }
        }
        else if (integerDigits == 0)
        {
            return false;
        }

        if (i == s.Length)
        {
            return true;
        }

        if (s[i] is not ('e' or 'E') || i + 2 >= s.Length || s[i + 1] is not ('+' or '-'))
        {
            return false;
        }

        return AllDigits(s, i + 2);
    }

    /// <summary>strconv.ParseFloat on text starting with '.': ".digits" with an optional exponent.</summary>
    private static bool IsDotFloat(string s)
    {
        var i = 1;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        if (i == 1)
        {
            return false;
        }

        if (i == s.Length)
        {
            return true;
        }

        if (s[i] is not ('e' or 'E'))
        {
            return false;
        }

        i++;
        if (i < s.Length && s[i] is '+' or '-')
        {
            i++;
        }

        return i < s.Length && AllDigits(s, i);
    }

    private static int CountDigits(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return i - start;
    }

    private static bool AllDigits(string s, int from)
    {
        for (var i = from; i < s.Length; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// strconv.ParseInt(s, 0, 64), then strconv.ParseUint(s, 0, 64) as go-yaml tries them: optional sign, then
    /// 0x/0X hex, 0o/0O octal, 0b/0B binary, a leading 0 octal, else decimal.
    /// </summary>
    private static bool TryGoInteger(string s, out JsonNode? value)
    {
        value = null;
        var i = 0;
        var negative = false;
        var signed = false;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            signed = true;
            i = 1;
        }

        var radix = 10;
        if (s.Length - i >= 2 && s[i] == '0')
        {
            switch (s[i + 1])
            {
                case 'x' or 'X':
                    radix = 16;
                    i += 2;
                    break;
                case 'o' or 'O':
                    radix = 8;
                    i += 2;
                    break;
                case 'b' or 'B':
                    radix = 2;
                    i += 2;
                    break;
                default:
                    radix = 8;
                    i += 1;
                    break;
            }
        }

        if (i >= s.Length)
        {
            return false;
        }

        UInt128 magnitude = 0;
        for (; i < s.Length; i++)
        {
            var digit = HexDigit(s[i]);
            if (digit < 0 || digit >= radix)
            {
                return false;
            }

            magnitude = (magnitude * (uint)radix) + (uint)digit;
            if (magnitude > ulong.MaxValue)
            {
                return false;
            }
        }

        if (negative)
        {
            if (magnitude > (UInt128)long.MaxValue + 1)
            {
                return false;
            }

            value = JsonValue.Create(magnitude == (UInt128)long.MaxValue + 1 ? long.MinValue : -(long)magnitude);
            return true;
        }

        if (magnitude <= long.MaxValue)
        {
            value = JsonValue.Create((long)magnitude);
            return true;
        }

        // ParseUint takes no sign: "+18446744073709551615" falls through to the float pattern.
        if (signed)
        {
            return false;
        }

        value = JsonValue.Create((ulong)magnitude);
        return true;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static Dictionary<string, PlainScalarType> BuildKeywords()
    {
        var map = new Dictionary<string, PlainScalarType>(StringComparer.Ordinal);
        foreach (var s in (string[])["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
                     "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"])
        {
            map[s] = PlainScalarType.Bool;
        }

        foreach (var s in (string[])["", "~", "null", "Null", "NULL"])
        {
            map[s] = PlainScalarType.Null;
        }

        foreach (var s in (string[])[".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"])
        {
            map[s] = PlainScalarType.NonFinite;
        }

        map["<<"] = PlainScalarType.Merge;
        return map;
    }
}
