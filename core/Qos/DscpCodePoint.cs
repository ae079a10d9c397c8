using System.Globalization;

namespace Netguard.Core.Qos;

/// <summary>
/// A DSCP value 0–63 from the config: a number or one of the names nft(8) knows
/// (`nft describe ip dscp`: cs0–cs7, af11–af43, ef, va, lephb, df, be).
/// </summary>
public static class DscpCodePoint
{
    private static readonly Dictionary<string, int> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cs0"] = 0x00, ["cs1"] = 0x08, ["cs2"] = 0x10, ["cs3"] = 0x18,
        ["cs4"] = 0x20, ["cs5"] = 0x28, ["cs6"] = 0x30, ["cs7"] = 0x38,
        ["df"] = 0x00, ["be"] = 0x00, ["lephb"] = 0x01,
        ["af11"] = 0x0a, ["af12"] = 0x0c, ["af13"] = 0x0e,
        ["af21"] = 0x12, ["af22"] = 0x14, ["af23"] = 0x16,
        ["af31"] = 0x1a, ["af32"] = 0x1c, ["af33"] = 0x1e,
        ["af41"] = 0x22, ["af42"] = 0x24, ["af43"] = 0x26,
        ["va"] = 0x2c, ["ef"] = 0x2e,
    };

    private static readonly string[] PreferredNames =
        ["cs0", "cs1", "cs2", "cs3", "cs4", "cs5", "cs6", "cs7", "af11", "af12", "af13", "af21", "af22", "af23",
         "af31", "af32", "af33", "af41", "af42", "af43", "va", "ef"];

    /// <summary>The usual name of a code point (cs6, af41, ef), or its number when it has none.</summary>
    public static string Format(int value) =>
        PreferredNames.FirstOrDefault(n => Names[n] == value) ?? value.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out int value)
    {
        value = 0;
        var s = text?.Trim() ?? "";
        if (Names.TryGetValue(s, out value))
        {
            return true;
        }

        return int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value is >= 0 and <= 63;
    }
}
