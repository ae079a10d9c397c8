using System.CommandLine;
using Netguard.Core.Config;

namespace Netguard.Plugin.Commands.Config;

/// <summary>
/// Reads the config the cluster runs with (ConfigMap <c>netguard-system/netguard-config</c>, key
/// <c>config.yaml</c>; load it with <see cref="NetguardConfigLoader.LoadConfigMap"/>) for <c>config view</c>
/// without <c>--config</c>. The CLI wires <see cref="Cli.LiveConfig.ReadForViewAsync"/>; tests may pass their own.
/// </summary>
public delegate Task<ConfigLoadResult> ClusterConfigReader(ParseResult parse, CancellationToken cancellationToken);
