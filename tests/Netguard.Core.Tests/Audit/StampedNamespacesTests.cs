using System.Text.Json;
using System.Text.Json.Nodes;
using Netguard.Core.Audit;
using Netguard.Core.Kube.Models;
using Netguard.Core.Manifests;
using Netguard.Testing;

namespace Netguard.Core.Tests.Audit;

public class StampedNamespacesTests
{
    private static JsonObject Configuration(string webhooks) =>
        JsonNode.Parse("""{"apiVersion":"admissionregistration.k8s.io/v1","kind":"MutatingWebhookConfiguration","metadata":{"name":"netguard-webhook"},"webhooks":""" + webhooks + "}")!.AsObject();

    private const string PodRule = """{"apiGroups":[""],"apiVersions":["v1"],"operations":["CREATE","UPDATE"],"resources":["pods"]}""";

    [Theory]
    [InlineData("kube-system", false)]
    [InlineData("netguard-system", false)]
    [InlineData("shop", true)]
    [InlineData("default", true)]
    public void Shipped_SameAnswerAsTheShippedWebhookConfiguration(string ns, bool stamped)
    {
        var shippedFile = ManifestReader.ReadPaths([RepositoryFiles.Path("manifests", "webhook", "webhooks.yaml")])
            .Single(m => m.Kind == "MutatingWebhookConfiguration").Object;

        StampedNamespaces.FromMutatingWebhookConfiguration(shippedFile).Includes(ns, null).ShouldBe(stamped);
        StampedNamespaces.Shipped().Includes(ns, null).ShouldBe(stamped);
    }

    [Fact]
    public void FromConfiguration_PodWebhookWithoutNamespaceSelector_EveryNamespace()
    {
        var stamped = StampedNamespaces.FromMutatingWebhookConfiguration(Configuration($$"""[{"name":"pods.netguard.io","rules":[{{PodRule}}]}]"""));

        stamped.Includes("kube-system", null).ShouldBeTrue();
    }

    [Fact]
    public void FromConfiguration_OnlyANodeWebhook_NoNamespace()
    {
        var stamped = StampedNamespaces.FromMutatingWebhookConfiguration(Configuration(
            """[{"name":"nodes.netguard.io","rules":[{"apiGroups":[""],"apiVersions":["v1"],"operations":["CREATE"],"resources":["nodes"]}]}]"""));

        stamped.Includes("shop", null).ShouldBeFalse();
    }

    [Fact]
    public void FromConfiguration_SelectorOnNamespaceLabels_MatchesTheNamespaceObject()
    {
        var stamped = StampedNamespaces.FromMutatingWebhookConfiguration(Configuration(
            """[{"name":"pods.netguard.io","rules":[""" + PodRule + """],"namespaceSelector":{"matchLabels":{"netguard.io/enabled":"true"}}}]"""));
        var enabled = new Namespace { Metadata = new ObjectMeta { Name = "shop", Labels = new() { ["netguard.io/enabled"] = "true" } } };

        stamped.Includes("shop", enabled).ShouldBeTrue();
        stamped.Includes("shop", null).ShouldBeFalse();
    }

    [Fact]
    public void FromConfiguration_WildcardResourcesAndOperations_TakePods()
    {
        var stamped = StampedNamespaces.FromMutatingWebhookConfiguration(Configuration(
            """[{"name":"all","rules":[{"apiGroups":["*"],"apiVersions":["*"],"operations":["*"],"resources":["*/*"]}],"namespaceSelector":{"matchExpressions":[{"key":"kubernetes.io/metadata.name","operator":"In","values":["shop"]}]}}]"""));

        stamped.Includes("shop", null).ShouldBeTrue();
        stamped.Includes("web", null).ShouldBeFalse();
    }

    [Fact]
    public void FromConfiguration_ClusterScopedRule_TakesNoPods()
    {
        // scope: Cluster matches cluster-scoped objects only; Pods are namespaced.
        var stamped = StampedNamespaces.FromMutatingWebhookConfiguration(Configuration(
            """[{"name":"cluster","rules":[{"apiGroups":["*"],"apiVersions":["*"],"operations":["*"],"resources":["*"],"scope":"Cluster"}]}]"""));

        stamped.Includes("shop", null).ShouldBeFalse();
    }

    [Fact]
    public void FromConfiguration_SelectorOfTheWrongShape_JsonException()
    {
        Should.Throw<JsonException>(() => StampedNamespaces.FromMutatingWebhookConfiguration(Configuration(
            """[{"name":"p","rules":[""" + PodRule + """],"namespaceSelector":{"matchLabels":["x"]}}]""")));
    }
}
