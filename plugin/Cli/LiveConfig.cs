using System.CommandLine;
using Netguard.Core.Config;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Errors;
using Netguard.Core.Kube.Resources;
using Netguard.Plugin.Commands.Status;
using Netguard.Plugin.Cli.Output;

namespace Netguard.Plugin.Cli;

/// <summary>
/// The NetguardConfig a live command judges with: <c>--config FILE</c>, else the cluster's (ConfigMap
/// <c>netguard-system/netguard-config</c>, key <c>config.yaml</c>, SPEC §3), else the built-in default when that
/// ConfigMap does not exist. Which one is said on stderr. An invalid config lists every problem and exits 2;
/// an API failure (including 403 on the ConfigMap) exits 3.
/// </summary>
internal static class LiveConfig
{
    /// <summary>The --config option of every command that reads the cluster's config (audit, qos, taints).</summary>
    public static Option<string?> Option() => new("--config")
    {
        Description = $"NetguardConfig file (default: the cluster's ConfigMap {InstalledNames.DefaultNamespace}/{InstalledNames.ConfigMap}, else the built-in default)",
        HelpName = "FILE",
    };

    public static string ConfigMapDisplay => $"ConfigMap {InstalledNames.DefaultNamespace}/{InstalledNames.ConfigMap}";

    /// <summary>The config from --config or the cluster, with a note on stderr naming where it came from.</summary>
    /// <param name="client">Called only when the cluster must be asked (no --config).</param>
    public static async Task<NetguardConfig> ResolveAsync(CliContext context, Func<IKubeClient> client, string? file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(client);
        if (file is not null)
        {
            var fromFile = Valid(context, ConfigFileReader.Load(context, file));
            context.Error.WriteLine($"note: using the config from {(file == "-" ? "standard input" : file)}");
            return fromFile;
        }

        if (await ReadConfigMapAsync(client(), cancellationToken).ConfigureAwait(false) is { } result)
        {
            var fromCluster = Valid(context, result);
            context.Error.WriteLine($"note: using the config from {ConfigMapDisplay}");
            return fromCluster;
        }

        context.Error.WriteLine($"note: {ConfigMapDisplay} not found; using the built-in default config");
        return new NetguardConfig();
    }

    /// <summary>
    /// <c>config view</c> without --config: the cluster's config as loaded (valid or not); the built-in default,
    /// with a note, when the ConfigMap does not exist or no cluster is configured at all.
    /// </summary>
    public static async Task<ConfigLoadResult> ReadForViewAsync(CliContext context, System.CommandLine.ParseResult parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.KubeClients.HasConfiguration(parse))
        {
            context.Error.WriteLine("note: no --config given and no cluster configured; showing the built-in default config");
            return NetguardConfigLoader.Load("");
        }

        using var client = context.KubeClients.Create(parse);
        if (await ReadConfigMapAsync(client, cancellationToken).ConfigureAwait(false) is { } result)
        {
            if (result.IsValid)
            {
                context.Error.WriteLine($"note: showing the config from {ConfigMapDisplay}");
            }

            return result;
        }

        context.Error.WriteLine($"note: {ConfigMapDisplay} not found; showing the built-in default config");
        return NetguardConfigLoader.Load("");
    }

    /// <summary>The cluster's config as loaded (valid or not), or null when the ConfigMap does not exist.</summary>
    public static async Task<ConfigLoadResult?> ReadConfigMapAsync(IKubeClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            var configMap = await client.GetAsync(KubeResourceTypes.ConfigMaps, InstalledNames.DefaultNamespace, InstalledNames.ConfigMap, cancellationToken).ConfigureAwait(false);
            configMap.Metadata.Namespace ??= InstalledNames.DefaultNamespace;
            return NetguardConfigLoader.LoadConfigMap(configMap);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
        catch (KubeApiException e) when (e.IsForbidden)
        {
            throw CliException.Api($"{e.Message.ReplaceLineEndings(" ").Trim()} (pass --config FILE to use a local config)");
        }
    }

    /// <summary>The config; for an invalid one, every problem on stderr and exit 2.</summary>
    private static NetguardConfig Valid(CliContext context, ConfigLoadResult result)
    {
        if (result.Config is { } config && result.IsValid)
        {
            return config;
        }

        foreach (var line in result.ProblemLines)
        {
            context.Error.WriteLine($"error: {line}");
        }

        throw CliException.Input($"{result.Source ?? "the config"} is not a valid NetguardConfig ({Counted.Of(result.Problems.Count, "problem")})");
    }
}
