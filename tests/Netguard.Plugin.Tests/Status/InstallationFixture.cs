using System.Text.Json.Nodes;
using Netguard.Core.Kube.Resources;
using Netguard.Core.Yaml;
using Netguard.Plugin.Tests.Tc;
using Netguard.Testing.FakeApiServer;

namespace Netguard.Plugin.Tests.Status;

/// <summary>
/// A cluster as <c>kubectl netguard install | kubectl apply -f -</c> leaves it, on the fake API server: the install
/// output stored as the API server would store it, plus the status fields controllers and agents write.
/// </summary>
internal static class InstallationFixture
{
    private static readonly Dictionary<string, KubeResource> Resources = new(StringComparer.Ordinal)
    {
        ["Namespace"] = KubeResource.Namespaces,
        ["ServiceAccount"] = new("", "v1", "ServiceAccount", "serviceaccounts", true),
        ["Secret"] = new("", "v1", "Secret", "secrets", true),
        ["ConfigMap"] = KubeResource.ConfigMaps,
        ["ClusterRole"] = new("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
        ["ClusterRoleBinding"] = new("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false),
        ["Service"] = KubeResource.Services,
        ["DaemonSet"] = KubeResource.DaemonSets,
        ["Deployment"] = KubeResource.Deployments,
        ["PodDisruptionBudget"] = new("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true),
        ["MutatingWebhookConfiguration"] = KubeResource.MutatingWebhookConfigurations,
        ["ValidatingWebhookConfiguration"] = KubeResource.ValidatingWebhookConfigurations,
    };

    /// <summary>Runs <c>install</c> (at <paramref name="time"/>'s now) and stores its objects, webhook 2/2 ready and agents 2/2 ready.</summary>
    public static async Task<IReadOnlyList<JsonObject>> ApplyAsync(FakeKubeApiServer server, TimeProvider time, params string[] installArgs)
    {
        var result = await CliRunner.RunAsync(["install", .. installArgs], time: time);
        result.ExitCode.ShouldBe(0, result.Stderr);
        var objects = YamlJsonReader.ReadDocuments(result.Stdout).Select(d => d.Root).OfType<JsonObject>().ToList();
        foreach (var obj in objects)
        {
            switch (obj["kind"]!.GetValue<string>())
            {
                case "Deployment":
                    obj["status"] = new JsonObject { ["replicas"] = 2, ["readyReplicas"] = 2, ["updatedReplicas"] = 2, ["availableReplicas"] = 2 };
                    break;
                case "DaemonSet":
                    obj["status"] = new JsonObject { ["desiredNumberScheduled"] = 2, ["currentNumberScheduled"] = 2, ["numberReady"] = 2 };
                    break;
            }

            server.Upsert(Resources[obj["kind"]!.GetValue<string>()], obj);
        }

        return objects;
    }

    /// <summary>Two nodes whose agents reported 45 s and 5 min before <paramref name="now"/>.</summary>
    public static void AddHealthyNodes(FakeKubeApiServer server, DateTimeOffset now)
    {
        server.Upsert(KubeResource.Nodes, AgentStatusFixtures.Node("cp-1", Reconciled(AgentStatusFixtures.Healthy, now.AddSeconds(-45))));
        server.Upsert(KubeResource.Nodes, AgentStatusFixtures.Node("w-1", Reconciled(AgentStatusFixtures.Stale, now.AddMinutes(-5))));
    }

    public static KubeResource Resource(string kind) => Resources[kind];

    private static string Reconciled(string status, DateTimeOffset at)
    {
        var json = JsonNode.Parse(status)!;
        json["lastReconcile"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        return json.ToJsonString();
    }
}
