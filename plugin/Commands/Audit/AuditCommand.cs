using System.CommandLine;
using System.Text.Json;
using Netguard.Core.Audit;
using Netguard.Core.Check;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Errors;
using Netguard.Core.Kube.Resources;
using Netguard.Core.Rules;
using Netguard.Core.Yaml;
using Netguard.Plugin.Cli;
using Netguard.Plugin.Cli.Output;
using Netguard.Plugin.Commands.Check;
using Netguard.Plugin.Commands.Status;

namespace Netguard.Plugin.Commands.Audit;

/// <summary>
/// <c>kubectl netguard audit [-A | -n NS] [--config FILE] [-o table|json|yaml|policyreport]</c> (SPEC §7): every
/// admission rule over the live objects, judged against the whole live cluster (<see cref="AuditRunner"/>).
/// The namespace scope follows kubectl: -A everything (Nodes included), -n that namespace, else the context's
/// namespace. Exit 0 when nothing is denied, 1 when something is, 3 on API errors.
/// </summary>
public sealed class AuditCommand
{
    private readonly CliContext _context;

    private readonly Option<string?> _config = LiveConfig.Option();

    private readonly Option<OutputFormat> _output = OutputOption.Create(OutputFormat.Table, OutputFormat.Json, OutputFormat.Yaml, OutputFormat.PolicyReport);

    private AuditCommand(CliContext context)
    {
        _context = context;
    }

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var c = new AuditCommand(context);
        var command = new Command("audit", "Run every admission rule over the live cluster, plus cluster-level checks")
        {
            c._config, c._output,
        };
        command.SetAction(c.RunAsync);
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var env = _context.Environment;
        using var client = _context.KubeClients.Create(parse);
        var config = await LiveConfig.ResolveAsync(_context, () => client, parse.GetValue(_config), cancellationToken);
        var live = await LiveCluster.LoadAsync(
            client,
            LiveKinds.Nodes | LiveKinds.Namespaces | LiveKinds.Pods | LiveKinds.NetworkPolicies | LiveKinds.Services | LiveKinds.Workloads,
            env.Error,
            new Dictionary<LiveKinds, string>
            {
                [LiveKinds.Nodes] = "Nodes are not audited and control-plane-pinning judges pods without them",
                [LiveKinds.Namespaces] = "Namespaces are not audited and namespaceSelectors see only the kubernetes.io/metadata.name label",
            },
            cancellationToken);

        var scope = Scope(parse, client.DefaultNamespace);
        if (scope.Namespace is { } ns && live.Namespaces is { } namespaces && !namespaces.Any(n => n.Metadata.Name == ns))
        {
            throw CliException.Input($"namespace \"{ns}\" not found");
        }

        var objects = new[] { live.Nodes, live.Namespaces, live.Pods, live.Services, live.NetworkPolicies, live.Workloads }
            .SelectMany(list => list ?? [])
            .Where(o => AuditRunner.IsAudited(o) && scope.Includes(o.Kind!, o.Metadata.Namespace, o.Metadata.Name))
            .Select(LiveCluster.ToJson)
            .ToList();

        var stamped = await StampedAsync(client, cancellationToken);
        AuditReport report;
        try
        {
            report = new AuditRunner(BuiltInRules.CreateEngine()).Run(objects, live.Snapshot(), config, stamped);
        }
        catch (CheckInputException e)
        {
            throw CliException.Api($"cannot judge a live object: {e.Message}");
        }

        var checkReport = report.ToCheckReport();
        switch (parse.GetValue(_output))
        {
            case OutputFormat.Json:
                JsonOutput.Write(env.Out, CheckReportJson.ToJson(checkReport));
                break;
            case OutputFormat.Yaml:
                env.Out.Write(YamlJsonWriter.Write(CheckReportJson.ToJson(checkReport)));
                break;
            case OutputFormat.PolicyReport:
                env.Out.Write(YamlJsonWriter.WriteDocuments(PolicyReportBuilder.Build(report, env.Time.GetUtcNow())));
                break;
            default:
                CheckTableWriter.Write(checkReport, env.Out, env.UseColor, Summary(report, scope));
                break;
        }

        return report.AnyDenied ? ExitCodes.Findings : ExitCodes.Clean;
    }

    /// <summary>
    /// Where pods should carry a QoS class: the installed mutating webhook's namespaceSelector; without one (not
    /// installed, or not readable) what the shipped manifests admit, so kube-system is never a finding.
    /// </summary>
    private async Task<StampedNamespaces> StampedAsync(KubeClient client, CancellationToken cancellationToken)
    {
        var name = InstalledNames.MutatingWebhookConfiguration;
        try
        {
            var configuration = await client.GetAsync(KubeResourceTypes.Raw(KubeResource.MutatingWebhookConfigurations), null, name, cancellationToken);
            return StampedNamespaces.FromMutatingWebhookConfiguration(configuration);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return StampedNamespaces.Shipped();
        }
        catch (KubeApiException e) when (e.StatusCode == 403)
        {
            var shipped = StampedNamespaces.Shipped();
            _context.Error.WriteLine($"warning: cannot get mutatingwebhookconfiguration/{name} (forbidden): pods are expected to carry a QoS class in {shipped.Description}");
            return shipped;
        }
        catch (JsonException e)
        {
            throw CliException.Api($"mutatingwebhookconfiguration/{name}: a namespaceSelector is not a label selector: {e.Message}");
        }
    }

    /// <summary>-A: everything; -n NS: that namespace; neither: the context's namespace, said on stderr.</summary>
    private AuditScope Scope(ParseResult parse, string contextNamespace)
    {
        if (parse.GetValue(_context.Flags.AllNamespaces))
        {
            return AuditScope.AllNamespaces;
        }

        if (parse.GetValue(_context.Flags.Namespace) is { Length: > 0 } ns)
        {
            return new AuditScope(ns);
        }

        _context.Error.WriteLine($"note: auditing namespace \"{contextNamespace}\"; -A audits the whole cluster, Nodes included");
        return new AuditScope(contextNamespace);
    }

    /// <summary>"12 objects audited in namespace shop: 1 denied, 3 warnings".</summary>
    private static string Summary(AuditReport report, AuditScope scope)
    {
        var s = report.Summary;
        var where = scope.IsAllNamespaces ? "" : $" in namespace {scope.Namespace}";
        var objects = Counted.Of(s.Objects, "object");
        var warnings = Counted.Of(s.Warnings, "warning");
        return $"{objects} audited{where}: {s.Denied} denied, {warnings}";
    }
}
