using System.Text.Json;

namespace Netguard.Agent.Kernel;

/// <summary>--device auto: the device of the default route (IPv4 first, then IPv6), from `ip -j route show default`.</summary>
public sealed class DefaultRouteDevice(IProcessRunner runner)
{
    public const string AutoName = "auto";

    public async Task<string> ResolveAsync(string device, CancellationToken cancellationToken)
    {
        if (device != AutoName)
        {
            return device;
        }

        foreach (var family in new[] { "-4", "-6" })
        {
            var result = await runner.RunAsync(KernelTools.Ip, [family, "-j", "route", "show", "default"], null, cancellationToken);
            if (result.Succeeded && Parse(result.StandardOutput) is { } dev)
            {
                return dev;
            }
        }

        throw new KernelToolException("--device auto: there is no default route; name the device with --device");
    }

    /// <summary>The first route's "dev" in `ip -j route show default` output.</summary>
    public static string? Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Array
                ? doc.RootElement.EnumerateArray()
                    .Select(r => r.TryGetProperty("dev", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null)
                    .FirstOrDefault(d => !string.IsNullOrEmpty(d))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
