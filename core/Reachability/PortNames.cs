namespace Netguard.Core.Reachability;

/// <summary>The IANA_SVC_NAME rule the API server applies to named ports.</summary>
public static class PortNames
{
    /// <summary>1-15 characters of a-z, 0-9 and '-', at least one letter, no '-' at either end or twice in a row.</summary>
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 15 || name[0] == '-' || name[^1] == '-'
            || name.Contains("--", StringComparison.Ordinal))
        {
            return false;
        }

        var hasLetter = false;
        foreach (var c in name)
        {
            if (char.IsAsciiLetterLower(c))
            {
                hasLetter = true;
            }
            else if (!char.IsAsciiDigit(c) && c != '-')
            {
                return false;
            }
        }

        return hasLetter;
    }
}
