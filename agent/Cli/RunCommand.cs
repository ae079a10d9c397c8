using System.CommandLine;
using Netguard.Agent.Hosting;
using Netguard.Agent.Kernel;
using Netguard.Core.Config;
using Netguard.Core.Net;

namespace Netguard.Agent.Cli;

/// <summary>`netguard-agent run` with every flag of SPEC §6.1.</summary>
public sealed class RunCommand
{
    private readonly Option<string?> _nodeName = new("--node-name")
    {
        Description = "this node's name (default: $NODE_NAME, from the downward API); with --pods-file, only pods whose spec.nodeName is this name",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("NODE_NAME"),
    };

    private readonly Option<string?> _kubeconfig = new("--kubeconfig") { Description = "kubeconfig file (default: in-cluster service account)" };
    private readonly Option<string?> _config = new("--config") { Description = "NetguardConfig file, re-read when it changes (default: built-in defaults)" };
    private readonly Option<string> _device = new("--device") { Description = "device to shape, or auto for the default route's", DefaultValueFactory = _ => DefaultRouteDevice.AutoName };
    private readonly Option<string?> _linkRate = new("--link-rate") { Description = "uplink rate, e.g. 10gbit (default: sysfs speed, else qos.linkRate)" };
    private readonly Option<string?> _podsFile = new("--pods-file") { Description = "YAML/JSON Pods with status.podIP(s) instead of the API server; re-read when it changes. With a node name, pods on other nodes or without spec.nodeName are left out" };
    private readonly Option<string?> _statusFile = new("--status-file") { Description = "write the status JSON here instead of the Node annotation" };
    private readonly Option<string> _metricsListen = new("--metrics-listen") { Description = "address:port for /metrics and /healthz", DefaultValueFactory = _ => "0.0.0.0:9469" };
    private readonly Option<bool> _once = new("--once") { Description = "reconcile once; exit 0 when the kernel matches the plan" };
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "print the plan (tc batch and nft script) and change nothing. Without --link-rate the rate is the device's speed, else qos.linkRate (with a warning when the device does not exist here); with it the device is not checked" };
    private readonly Option<bool> _force = new("--force") { Description = "replace a root qdisc that netguard does not own" };

    public RunCommand(AgentEnvironment env)
    {
        Command = new Command("run", "shape the node's uplink by the QoS classes of its pods")
        {
            _nodeName, _kubeconfig, _config, _device, _linkRate, _podsFile, _statusFile, _metricsListen, _once, _dryRun, _force,
        };
        Command.SetAction(async (parse, ct) =>
        {
            var options = Bind(parse, out var error);
            if (options is null)
            {
                await env.Error.WriteLineAsync($"error: {error}");
                return AgentExitCodes.Usage;
            }

            return await new AgentRun(options, env).RunAsync(ct);
        });
    }

    public Command Command { get; }

    public AgentOptions? Bind(ParseResult parse, out string? error)
    {
        ArgumentNullException.ThrowIfNull(parse);
        error = null;
        RateSpec? linkRate = null;
        if (parse.GetValue(_linkRate) is { Length: > 0 } rateText)
        {
            if (!RateSpec.TryParse(rateText, out var rate, out var why) || rate.IsPercent)
            {
                error = $"--link-rate \"{rateText}\": {(rate.IsPercent ? "must be an absolute rate such as 10gbit" : why)}";
                return null;
            }

            linkRate = rate;
        }

        var listenText = parse.GetValue(_metricsListen);
        if (!ListenAddress.TryParse(listenText, out var listen))
        {
            error = $"--metrics-listen \"{listenText}\" is not an address:port (e.g. 0.0.0.0:9469 or [::]:9469)";
            return null;
        }

        if (parse.GetValue(_once) && parse.GetValue(_dryRun))
        {
            error = "--once and --dry-run exclude each other";
            return null;
        }

        return new AgentOptions
        {
            NodeName = NullIfEmpty(parse.GetValue(_nodeName)),
            Kubeconfig = NullIfEmpty(parse.GetValue(_kubeconfig)),
            ConfigFile = NullIfEmpty(parse.GetValue(_config)),
            Device = parse.GetValue(_device) is { Length: > 0 } d ? d : DefaultRouteDevice.AutoName,
            LinkRate = linkRate,
            PodsFile = NullIfEmpty(parse.GetValue(_podsFile)),
            StatusFile = NullIfEmpty(parse.GetValue(_statusFile)),
            MetricsListen = listen,
            Once = parse.GetValue(_once),
            DryRun = parse.GetValue(_dryRun),
            Force = parse.GetValue(_force),
        };
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
