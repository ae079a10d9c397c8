using Netguard.Core.Kube.Models;
using Netguard.Core.Manifests;

namespace Netguard.Core.Tests.Manifests;

public class ManifestClusterSnapshotTests
{
    private const string Mixed = """
        apiVersion: v1
        kind: Node
        metadata:
          name: cp-1
          labels: {node-role.kubernetes.io/control-plane: ""}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec:
          containers:
          - name: app
            image: nginx
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: db}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: deny-all, namespace: shop}
        spec:
          podSelector: {}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api}
        ---
        apiVersion: example.com/v1
        kind: Namespace
        metadata: {name: not-a-core-namespace}
        """;

    [Fact]
    public void Build_MixedManifests_TakesCoreKindsOnly()
    {
        var snapshot = ManifestClusterSnapshot.Build(ManifestReader.ReadText(Mixed, "m.yaml"));

        snapshot.HasNodes.ShouldBeTrue();
        snapshot.HasPods.ShouldBeTrue();
        snapshot.HasNetworkPolicies.ShouldBeTrue();
        snapshot.HasNamespaces.ShouldBeFalse(); // the only "Namespace" is a custom resource
        snapshot.FindNode("cp-1")!.Metadata.Labels!.ShouldContainKey("node-role.kubernetes.io/control-plane");
        snapshot.PodsIn("shop").Single().Metadata.Name.ShouldBe("web");
        snapshot.PodsIn("default").Single().Metadata.Name.ShouldBe("db"); // no namespace: the snapshot's default
        snapshot.NetworkPoliciesIn("shop").Single().Metadata.Name.ShouldBe("deny-all");
        snapshot.FindNamespace("shop").ShouldBeNull(); // referenced but not present: not invented
    }

    [Fact]
    public void Build_ListWhereMappingExpected_SaysWhatIsWanted()
    {
        const string yaml = "apiVersion: v1\nkind: Node\nmetadata:\n  name: node1\n  labels: [a, b]\n";

        Should.Throw<ManifestException>(() => ManifestClusterSnapshot.Build(ManifestReader.ReadText(yaml, "n.yaml")))
            .Message.ShouldBe("n.yaml:5: Node node1: metadata.labels: want a mapping");
    }

    [Fact]
    public void Build_NoObjectsOfAKind_LeavesItUnknown()
    {
        var snapshot = ManifestClusterSnapshot.Build(ManifestReader.ReadText("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n", "n.yaml"));

        snapshot.HasNamespaces.ShouldBeTrue();
        snapshot.HasPods.ShouldBeFalse();
        snapshot.HasNodes.ShouldBeFalse();
        snapshot.HasNetworkPolicies.ShouldBeFalse();
    }

    [Fact]
    public void Build_FieldOfWrongType_NamesObjectFieldAndLine()
    {
        const string yaml = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web, namespace: shop}
            spec:
              containers:
              - name: app
                ports:
                - containerPort: http
            """;

        var e = Should.Throw<ManifestException>(() => ManifestClusterSnapshot.Build(ManifestReader.ReadText(yaml, "p.yaml")));

        e.Message.ShouldBe("p.yaml:8: Pod shop/web: spec.containers[0].ports[0].containerPort: want an integer");
    }

    [Fact]
    public void Build_WrongTypeUnderKeyWithDots_NamesTheKeysOwnLine()
    {
        const string yaml = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
              labels:
                team: a
                app.kubernetes.io/name: 5
            """;

        var e = Should.Throw<ManifestException>(() => ManifestClusterSnapshot.Build(ManifestReader.ReadText(yaml, "n.yaml")));

        e.Message.ShouldBe("n.yaml:7: Namespace shop: metadata.labels['app.kubernetes.io/name']: want a string");
    }

    [Fact]
    public void Build_Workloads_EachStandsForItsPodsWithOneTemplatePod()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 8080}]}]}
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: report, namespace: shop}
            spec:
              jobTemplate:
                spec:
                  template:
                    metadata: {labels: {app: report}}
                    spec: {containers: [{name: r, image: busybox}]}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: shop}
            spec:
              template:
                metadata: {labels: {app: db-template}}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: db, namespace: shop, labels: {app: db}}
            """;
        var workloadPods = new List<Pod>();

        var snapshot = ManifestClusterSnapshot.Build(ManifestReader.ReadText(yaml, "w.yaml"), workloadPods);

        // The real Pod db wins over the StatefulSet's template of the same name.
        snapshot.PodsIn("shop").Select(p => $"{p.Metadata.Name}:{p.Metadata.Labels!["app"]}").Order(StringComparer.Ordinal)
            .ShouldBe(["db:db", "report:report", "web:web"]);
        workloadPods.Select(p => p.Metadata.Name).ShouldBe(["web", "report"]);
        var web = snapshot.PodsIn("shop").Single(p => p.Metadata.Name == "web");
        web.Spec!.Containers.ShouldHaveSingleItem().Ports.ShouldHaveSingleItem().Port.ShouldBe(8080);
        web.Status.ShouldBeNull(); // no addresses
    }

    [Fact]
    public void Build_WorkloadTemplateOfTheWrongShape_NamesTheLine()
    {
        const string yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    metadata:\n      labels: [a]\n";

        var e = Should.Throw<ManifestException>(() => ManifestClusterSnapshot.Build(ManifestReader.ReadText(yaml, "d.yaml")));

        e.Message.ShouldStartWith("d.yaml:7:");
    }

    [Fact]
    public void Build_WorkloadsWhosePodsAreInTheInput_StandForNothingMore()
    {
        // Children are named as their controllers name them: Deployment web -> ReplicaSet web-<pod-template-hash>,
        // CronJob nightly -> Job nightly-<scheduled minute>, StatefulSet db -> pods it controls directly.
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec: {template: {metadata: {labels: {app: web}}}}
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: web-6f7c9d5b8
              namespace: shop
              ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: web, uid: u1, controller: true}]
            spec: {template: {metadata: {labels: {app: web, pod-template-hash: 6f7c9d5b8}}}}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-6f7c9d5b8-q7n2d
              namespace: shop
              labels: {app: web, pod-template-hash: 6f7c9d5b8}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-6f7c9d5b8, uid: u2, controller: true}]
            ---
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly, namespace: shop}
            spec: {jobTemplate: {spec: {template: {metadata: {labels: {app: nightly}}}}}}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: nightly-28573920-abcde
              namespace: shop
              ownerReferences: [{apiVersion: batch/v1, kind: Job, name: nightly-28573920, uid: u3, controller: true}]
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: shop}
            spec: {template: {metadata: {labels: {app: db}}}}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: db-0
              namespace: shop
              ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: db, uid: u4, controller: true}]
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: shop}
            spec: {template: {metadata: {labels: {app: agent}}}}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: agent-x1
              namespace: other
              ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: agent, uid: u5, controller: true}]
            """;
        var workloadPods = new List<Pod>();

        ManifestClusterSnapshot.Build(ManifestReader.ReadText(yaml, "w.yaml"), workloadPods);

        // Only the DaemonSet: the pod that names it lives in another namespace.
        workloadPods.Select(p => $"{p.Metadata.Namespace}/{p.Metadata.Name}").ShouldBe(["shop/agent"]);
    }

    [Fact]
    public void Build_WorkloadWhosePodsAreFinishedOrUnnamespaced_StandsForThemOrNot()
    {
        // A finished pod has no network, so the CronJob still needs its template; the Deployment written without
        // a namespace goes to the default namespace given (as with -n), where its pod is.
        const string yaml = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly, namespace: shop}
            spec: {jobTemplate: {spec: {template: {metadata: {labels: {app: nightly}}}}}}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: nightly-28573920-abcde
              namespace: shop
              ownerReferences: [{apiVersion: batch/v1, kind: Job, name: nightly-28573920, uid: u1, controller: true}]
            status: {phase: Succeeded}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec: {template: {metadata: {labels: {app: web}}}}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web-6f7c9d5b8-q7n2d
              namespace: shop
              labels: {app: web, pod-template-hash: 6f7c9d5b8}
              ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-6f7c9d5b8, uid: u2, controller: true}]
            """;
        var workloadPods = new List<Pod>();

        ManifestClusterSnapshot.Build(ManifestReader.ReadText(yaml, "w.yaml"), workloadPods, defaultNamespace: "shop");

        workloadPods.Select(p => p.Metadata.Name).ShouldBe(["nightly"]);
    }
}
