using Microsoft.Extensions.Logging;
using Netguard.Agent.Config;
using Netguard.Agent.Files;
using Netguard.Agent.Kernel;
using Netguard.Agent.Logging;
using Netguard.Agent.Metrics;
using Netguard.Agent.Pods;
using Netguard.Agent.Reconcile;
using Netguard.Agent.Status;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Errors;
using Netguard.Core.Manifests;
using Netguard.Core.Qos;

namespace Netguard.Agent.Hosting;

/// <summary>`netguard-agent run`: resolve the inputs, then print the plan (--dry-run), reconcile once (--once), or run until SIGTERM.</summary>
public sealed class AgentRun(AgentOptions options, AgentEnvironment env)
{
    private static readonly TimeSpan PodsSyncTimeout = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger = env.Logging.CreateLogger("netguard-agent");

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await RunCoreAsync(cancellationToken);
        }
        catch (AgentConfigException e)
        {
            return Fail(AgentExitCodes.Usage, e.Message);
        }
        catch (ManifestException e)
        {
            return Fail(AgentExitCodes.Usage, e.Message);
        }
        catch (QosPlanException e)
        {
            return Fail(AgentExitCodes.Usage, e.Message);
        }
        catch (KubeException e)
        {
            return Fail(AgentExitCodes.Api, e.Message);
        }
        catch (PodsUnavailableException e)
        {
            return Fail(AgentExitCodes.Api, e.Message);
        }
        catch (KernelToolException e)
        {
            return Fail(AgentExitCodes.NotConverged, e.Message);
        }
    }

    private async Task<int> RunCoreAsync(CancellationToken cancellationToken)
    {
        if (options.PodsFile is null && options.NodeName is null)
        {
            return Fail(AgentExitCodes.Usage, "no pods source: give --pods-file FILE, or --node-name NODE (or set NODE_NAME) to watch the API server");
        }

        var config = new AgentConfigFile(options.ConfigFile, new FilePoller(options.ConfigFile ?? "", options.FilePoll, env.Time), _logger);
        config.Load();

        IKubeClient? client = null;
        var needsApi = !options.DryRun && (options.PodsFile is null || (options.StatusFile is null && options.NodeName is not null));
        if (options.PodsFile is null || needsApi)
        {
            client = env.KubeClientFactory(options);
        }

        try
        {
            var pods = PodSource(client);
            await using var disposePods = pods as IAsyncDisposable;
            var device = await new DefaultRouteDevice(env.Runner).ResolveAsync(options.Device, cancellationToken);
            if (options.DryRun && options.LinkRate is null && !NetDevice.Exists(device))
            {
                // SPEC §6.1's chain still gives a rate (qos.linkRate), so the plan is printed, but a typo should not pass unseen.
                env.Error.WriteLine(
                    $"warning: device {device} does not exist here (no {LinkRate.SysfsNet}/{device}), so the plan uses qos.linkRate; give --link-rate to plan for another host's device");
            }

            var probe = await ProbeAsync(cancellationToken);
            await pods.StartAsync(cancellationToken);
            if (options.Once || options.DryRun)
            {
                await WaitForPodsAsync(pods, cancellationToken);
            }

            var session = new AgentSession(options, device, probe, config, pods);
            var plan = session.Plan();
            foreach (var warning in plan.Warnings)
            {
                AgentLog.PlanWarning(_logger, warning);
            }

            if (options.DryRun)
            {
                PlanPrinter.Write(env.Out, plan, session.LinkRateSource, probe.Note ?? $"probed; {probe.NftVersion}");
                return AgentExitCodes.Ok;
            }

            if (_logger.IsEnabled(LogLevel.Information))
            {
                var link = Core.Config.RateSpec.FormatBits(plan.LinkBitsPerSecond);
                AgentLog.Started(_logger, device, link, session.LinkRateSource, plan.LeafQdisc, probe.NftVersion);
            }

            var publisher = new StatusPublisher(StatusSink(client), env.Time, _logger);
            var reconciler = new Reconciler(env.Runner, env.Time);
            return options.Once
                ? await OnceAsync(plan, reconciler, publisher, cancellationToken)
                : await new AgentService(session, reconciler, publisher, env, _logger).RunAsync(cancellationToken);
        }
        finally
        {
            (client as IDisposable)?.Dispose();
        }
    }

    private async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        ProbeResult probe;
        try
        {
            probe = await new CapabilityProbe(env.Runner).ProbeAsync(cancellationToken);
        }
        catch (KernelToolException e) when (options.DryRun)
        {
            probe = new ProbeResult(KernelCapabilities.FifoOnly, "nft not checked", $"not probed: {e.Message}");
        }

        if (probe.Note is not null)
        {
            AgentLog.ProbeFellBack(_logger, probe.Note);
        }

        return probe;
    }

    /// <summary>--once: reconcile, read back, exit 0 only when the kernel matches the plan; the status says why not.</summary>
    private async Task<int> OnceAsync(QosPlan plan, Reconciler reconciler, StatusPublisher publisher, CancellationToken cancellationToken)
    {
        string? error;
        try
        {
            error = await ReconcileOnceAsync(plan, reconciler, cancellationToken);
        }
        catch (Exception e) when (e is KernelToolException or IOException)
        {
            // A missing device or a failing tool: the same error the long-running loop puts in the status, so a script can read it.
            error = e.Message;
        }

        await publisher.WriteNowAsync(AgentStatus.FromPlan(plan, env.Time.GetUtcNow(), error), cancellationToken);
        return error is null ? AgentExitCodes.Ok : Fail(AgentExitCodes.NotConverged, error);
    }

    /// <returns>Null when the kernel matches the plan, else why it does not.</returns>
    private async Task<string?> ReconcileOnceAsync(QosPlan plan, Reconciler reconciler, CancellationToken cancellationToken)
    {
        var outcome = await reconciler.ReconcileAsync(plan, options.Force, cancellationToken);
        if (outcome.Changes.Refusal is { } refusal)
        {
            return refusal;
        }

        var remaining = await reconciler.VerifyAsync(plan, cancellationToken);
        if (!remaining.IsEmpty)
        {
            return "the kernel still differs from the plan after applying it: " + string.Join("; ", remaining.Reasons);
        }

        if (outcome.Changed && _logger.IsEnabled(LogLevel.Information))
        {
            var reasons = string.Join("; ", outcome.Changes.Reasons);
            AgentLog.Reconciled(_logger, plan.Device, reasons, (long)outcome.Duration.TotalMilliseconds, outcome.ReadLaunches, outcome.WriteLaunches);
        }

        return null;
    }

    private IPodSource PodSource(IKubeClient? client) =>
        options.PodsFile is { } file
            ? new PodsFileSource(file, options.NodeName, new FilePoller(file, options.FilePoll, env.Time), _logger)
            : new ApiPodSource(client ?? throw new InvalidOperationException("no API client"), options.NodeName!, env.Time, _logger);

    /// <summary>--once and --dry-run need the pods now; the long-running agent waits in its loop instead.</summary>
    private async Task WaitForPodsAsync(IPodSource pods, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(PodsSyncTimeout, env.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await pods.WaitForSyncAsync(linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new PodsUnavailableException(
                $"the API server did not list the pods of node {options.NodeName} within {PodsSyncTimeout.TotalSeconds:F0} s (see the log for why)");
        }
    }

    private IStatusSink StatusSink(IKubeClient? client) =>
        options.StatusFile is { } path ? new FileStatusSink(path)
        : client is not null && options.NodeName is { } node ? new NodeAnnotationStatusSink(client, node)
        : new DiscardStatusSink();

    private int Fail(int code, string message)
    {
        env.Error.WriteLine($"error: {message}");
        return code;
    }
}
