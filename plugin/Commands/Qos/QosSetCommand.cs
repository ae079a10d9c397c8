using System.CommandLine;
using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Models;
using Netguard.Core.Kube.Resources;
using Netguard.Core.Rules;
using Netguard.Core.Rules.Qos;
using Netguard.Plugin.Cli;

namespace Netguard.Plugin.Commands.Qos;

/// <summary>
/// <c>qos set CLASS TYPE/NAME [-n NS] [--config FILE]</c>: asks for a QoS class with a JSON merge patch of the
/// annotations <c>netguard.io/qos-class</c> and <c>netguard.io/qos-source: requested</c> — on a pod itself
/// (annotations of a running pod may change; its node's agent reshapes it), or on a workload's pod template
/// (its controller rolls the class out to new pods). A class the config does not define is refused (exit 2);
/// whether the pods may have a defined class is for the webhook's qos-class-forbidden rule to decide — the
/// command warns when the config would not grant it, and reports the webhook's denial as the API error it is.
/// </summary>
public static class QosSetCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var className = new Argument<string>("CLASS") { Description = "The QoS class to ask for (see kubectl netguard qos classes)" };
        var target = new Argument<string>("TYPE/NAME")
        {
            Description = "pod/NAME, or a workload: deployment/NAME, statefulset/NAME, daemonset/NAME, replicaset/NAME, job/NAME, cronjob/NAME",
        };
        var config = LiveConfig.Option();
        var command = new Command("set", "Set the QoS class of a pod or of a workload's pod template") { className, target, config };
        command.SetAction((parse, ct) => RunAsync(context, parse, parse.GetValue(className)!, parse.GetValue(target)!, parse.GetValue(config), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, string className, string targetText, string? file, CancellationToken cancellationToken)
    {
        var target = QosTarget.Parse(targetText);
        using var client = context.KubeClients.Create(parse);
        var config = await LiveConfig.ResolveAsync(context, () => client, file, cancellationToken);
        var qos = config.Qos;
        if (!qos.Classes.Any(c => c.Name == className))
        {
            throw CliException.Input($"unknown QoS class \"{className}\" (classes: {string.Join(", ", qos.Classes.Select(c => c.Name))})");
        }

        var ns = parse.GetValue(context.Flags.Namespace) ?? client.DefaultNamespace;
        var type = KubeResourceTypes.Raw(target.Resource);
        var path = target.IsPod ? [] : PodTemplateAdmission.TemplatePath(target.Resource.Kind);
        var pod = target.PodOf(await target.GetAsync(client, ns, cancellationToken));
        pod.Metadata.Namespace = ns;

        if (QosClassResolver.RequestedClass(pod) == className)
        {
            context.Out.WriteLine($"{target.Display} unchanged ({QosAnnotations.Class} is already {className})");
            return ExitCodes.Clean;
        }

        if (!QosClassResolver.IsGranted(className, pod, ns, qos))
        {
            context.Error.WriteLine($"warning: this config grants class {className} to no pod like this in namespace {ns} (qos.requests, qos.assignments): the webhook's qos-class-forbidden rule will deny it");
        }

        await client.PatchAsync(type, ns, target.Name, KubePatch.Merge(AnnotationPatch(path, className)), cancellationToken: cancellationToken);
        context.Out.WriteLine($"{target.Display}: {QosAnnotations.Class}={className}");
        context.Error.WriteLine($"note: {Consequence(target, pod)}");
        return ExitCodes.Clean;
    }

    /// <summary>{"metadata": {"annotations": {…}}} nested under the template path.</summary>
    private static JsonObject AnnotationPatch(IReadOnlyList<string> templatePath, string className)
    {
        JsonObject patch = new()
        {
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject
                {
                    [QosAnnotations.Class] = className,
                    [QosAnnotations.Source] = QosAnnotations.SourceRequested,
                },
            },
        };
        foreach (var key in templatePath.Reverse())
        {
            patch = new JsonObject { [key] = patch };
        }

        return patch;
    }

    private static string Consequence(QosTarget target, Pod pod) => target.Resource.Kind switch
    {
        "Pod" when ControllerReference.Of(pod) is { } owner =>
            $"the agent on the pod's node reshapes it; pods that replace it take their class from {owner.Kind}/{owner.Name}'s template",
        "Pod" => "the agent on the pod's node reshapes it",
        "ReplicaSet" => "pods the ReplicaSet creates from now on get the class; existing pods keep theirs",
        "CronJob" => "the pods of the next Jobs get the class",
        "Job" => "pods the Job creates from now on get the class",
        _ => $"the {target.Resource.Kind} rolls out new pods with the class",
    };
}
