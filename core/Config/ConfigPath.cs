using System.Globalization;

namespace Netguard.Core.Config;

/// <summary>
/// Where a value sits in the config, twice over: as users read it (<c>qos.classes[2].rate</c>,
/// <c>controlPlane.nodeSelector["node-role.kubernetes.io/control-plane"]</c>) and as a JSON Pointer into the
/// YAML document (<c>/qos/classes/2/rate</c>) to find its source line.
/// </summary>
internal readonly record struct ConfigPath(string Display, string Pointer)
{
    public static ConfigPath Root { get; } = new("", "");

    public ConfigPath Key(string key)
    {
        var plain = key.Length > 0 && char.IsAsciiLetter(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
        var display = plain ? (Display.Length == 0 ? key : Display + "." + key) : $"{Display}[\"{key}\"]";
        return new(display, Pointer + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
    }

    public ConfigPath Index(int index) =>
        new($"{Display}[{index.ToString(CultureInfo.InvariantCulture)}]", Pointer + "/" + index.ToString(CultureInfo.InvariantCulture));

    /// <summary>Whether this path is <paramref name="other"/> or lies under it.</summary>
    public bool IsWithin(ConfigPath other) =>
        Pointer == other.Pointer || Pointer.StartsWith(other.Pointer + "/", StringComparison.Ordinal);

    public override string ToString() => Display;
}
