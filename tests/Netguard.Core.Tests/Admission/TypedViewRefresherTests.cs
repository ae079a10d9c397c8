using System.Text.Json;
using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.JsonPatch;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Tests.Admission;

/// <summary>A refreshed typed view must be exactly what reading the whole patched object gives.</summary>
public class TypedViewRefresherTests
{
    private const string PodJson = """
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"web-1","namespace":"shop","labels":{"app":"web"},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web","uid":"u","controller":true}]},
         "spec":{"containers":[{"name":"c","image":"nginx","ports":[{"name":"http","containerPort":8080}]}],
                 "dnsPolicy":"ClusterFirst","tolerations":[{"key":"k","operator":"Exists"}],
                 "topologySpreadConstraints":[{"maxSkew":2,"topologyKey":"zone","whenUnsatisfiable":"DoNotSchedule"}]},
         "status":{"phase":"Pending"}}
        """;

    public static TheoryData<string> Patches => new()
    {
        // what topology-spread writes: an append to an existing list
        """[{"op":"add","path":"/spec/topologySpreadConstraints/-","value":{"maxSkew":1,"topologyKey":"kubernetes.io/hostname","whenUnsatisfiable":"ScheduleAnyway","labelSelector":{"matchLabels":{"app":"web"}}}}]""",
        // what colocate-affinity writes on a pod without affinity: a new nested object
        """[{"op":"add","path":"/spec/affinity","value":{"podAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":50,"podAffinityTerm":{"topologyKey":"zone","labelSelector":{"matchLabels":{"app":"cache"}}}}]}}}]""",
        // what qos-class writes: annotations created, then a second key added to them
        """[{"op":"add","path":"/metadata/annotations","value":{"netguard.io/qos-class":"standard"}},{"op":"add","path":"/metadata/annotations/netguard.io~1qos-source","value":"default"}]""",
        // scalars: one added, one replaced
        """[{"op":"add","path":"/spec/priorityClassName","value":"high"},{"op":"replace","path":"/metadata/name","value":"web-2"}]""",
        // all at once, twice into the same objects
        """[{"op":"add","path":"/spec/topologySpreadConstraints/-","value":{"maxSkew":1,"topologyKey":"h","whenUnsatisfiable":"DoNotSchedule"}},{"op":"add","path":"/spec/tolerations/-","value":{"key":"x","operator":"Equal","value":"y","effect":"NoSchedule"}},{"op":"add","path":"/metadata/labels/tier","value":"front"}]""",
    };

    [Theory]
    [MemberData(nameof(Patches))]
    public void Refresh_RulePatches_SameAsReadingThePatchedObject(string patchJson)
    {
        var original = JsonNode.Parse(PodJson)!.AsObject();
        var operations = JsonPatchDocument.Parse(patchJson);
        var patched = JsonPatchApplier.Apply(original, operations)!.AsObject();
        var before = KubeObjectReader.Read("Pod", original);
        var beforeJson = Serialize(before);

        var refreshed = TypedViewRefresher.Refresh(before, patched, operations);

        refreshed.ShouldNotBeNull();
        Serialize(refreshed).ShouldBe(Serialize(KubeObjectReader.Read("Pod", patched)));
        Serialize(before).ShouldBe(beforeJson); // the earlier view is a copy-on-write source, never changed
    }

    [Fact]
    public void Refresh_AppendToExistingList_EarlierViewKeepsItsList()
    {
        var original = JsonNode.Parse(PodJson)!.AsObject();
        var operations = new[] { JsonPatchOperation.Add("/spec/topologySpreadConstraints/-", JsonNode.Parse("""{"maxSkew":1,"topologyKey":"h","whenUnsatisfiable":"DoNotSchedule"}""")) };
        var before = (Pod)KubeObjectReader.Read("Pod", original);

        var after = (Pod)TypedViewRefresher.Refresh(before, JsonPatchApplier.Apply(original, operations)!.AsObject(), operations)!;

        before.Spec!.TopologySpreadConstraints!.Select(c => c.TopologyKey).ShouldBe(["zone"]);
        after.Spec!.TopologySpreadConstraints!.Select(c => c.TopologyKey).ShouldBe(["zone", "h"]);
        after.Spec.Tolerations.ShouldBeSameAs(before.Spec.Tolerations); // untouched members are shared, not read again
    }

    [Fact]
    public void Refresh_MemberOutsideTheModel_ReturnsNullForAFullRead()
    {
        var original = JsonNode.Parse(PodJson)!.AsObject();
        var operations = new[] { JsonPatchOperation.Add("/spec/dnsPolicy", "None") };
        var before = KubeObjectReader.Read("Pod", original);

        TypedViewRefresher.Refresh(before, JsonPatchApplier.Apply(original, operations)!.AsObject(), operations).ShouldBeNull();
    }

    private static string Serialize(KubeObject obj) => JsonSerializer.Serialize(obj, KubeJsonContext.Default.Pod.Options.GetTypeInfo(obj.GetType()));
}
