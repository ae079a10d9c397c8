using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Netguard.Core.Kube.Models;

/// <summary>The API's int-or-string (ports, targetPort): exactly one of the two is set.</summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public sealed record IntOrString
{
    private IntOrString(int? intValue, string? stringValue)
    {
        IntValue = intValue;
        StringValue = stringValue;
    }

    public int? IntValue { get; }
    public string? StringValue { get; }
    public bool IsInt => IntValue.HasValue;

    public static IntOrString FromInt(int value) => new(value, null);
    public static IntOrString FromString(string value) => new(null, value);

    public static implicit operator IntOrString(int value) => FromInt(value);
    public static implicit operator IntOrString(string value) => FromString(value);

    public override string ToString() =>
        IntValue?.ToString(CultureInfo.InvariantCulture) ?? StringValue ?? "";
}
