using System.CommandLine;
using Netguard.Core.Config;

namespace Netguard.Plugin.Commands.Config;

/// <summary>
/// Reads the config the cluster runs with (ConfigMap <c>netguard-system/netguard-config</c>, key
/// <c>config.yaml</c>; load it with <see cref="NetguardConfigLoader.LoadConfigMap"/>) for <c>config view</c>
/// without <c>--config</c>. This is the seam for the live read: until one is passed to
/// <see cref="ConfigCommand.Create"/>, <c>config view</c> shows the built-in default and says so.
/// </summary>
public delegate Task<ConfigLoadResult> ClusterConfigReader(ParseResult parse, CancellationToken cancellationToken);
