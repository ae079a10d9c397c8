using System.Text.RegularExpressions;

namespace Netguard.Core.Config;

/// <summary>Kubernetes name and label syntax (apimachinery's validation), for config fields that hold such names.</summary>
public static partial class KubeNameSyntax
{
    public const string DnsLabelRule = "must be a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)";

    public const string QualifiedNameRule = "must be a label key: an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

    public const string LabelValueRule = "must be a label value: empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

    public static bool IsDnsLabel(string s) => s.Length <= 63 && DnsLabel().IsMatch(s);

    public static bool IsDnsSubdomain(string s) => s.Length <= 253 && DnsSubdomain().IsMatch(s);

    /// <summary>A label or annotation key: [prefix/]name.</summary>
    public static bool IsQualifiedName(string s)
    {
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? s : s[(slash + 1)..];
        if (slash >= 0 && !IsDnsSubdomain(s[..slash]))
        {
            return false;
        }

        return name.Length is > 0 and <= 63 && LabelName().IsMatch(name);
    }

    public static bool IsLabelValue(string s) => s.Length == 0 || (s.Length <= 63 && LabelName().IsMatch(s));

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex(@"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();
}
