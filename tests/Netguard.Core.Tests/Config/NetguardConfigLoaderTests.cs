using Netguard.Core.Config;
using Netguard.Core.JsonPatch;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Tests.Config;

public class NetguardConfigLoaderTests
{
    private static bool SameAsDefault(NetguardConfig config) =>
        JsonValueEquality.DeepEquals(NetguardConfigWriter.ToJson(config), NetguardConfigWriter.ToJson(new NetguardConfig()));

    [Theory]
    [InlineData("")]
    [InlineData("# just a comment\n")]
    [InlineData("---\n")]
    [InlineData("{}\n")]
    [InlineData("qos:\ncontrolPlane:\n")] // empty sections are absent sections
    public void Load_EmptyConfig_IsTheBuiltInDefault(string yaml)
    {
        var result = NetguardConfigLoader.Load(yaml);

        result.IsValid.ShouldBeTrue(string.Join("\n", result.ProblemLines));
        SameAsDefault(result.Config!).ShouldBeTrue();
    }

    [Fact]
    public void Load_SpecExample_IsValidAndEqualsTheDefaults()
    {
        // The example of SPEC §4 spells out the defaults (plus two rule overrides that restate defaults).
        const string yaml = """
            apiVersion: netguard.io/v1alpha1
            kind: NetguardConfig
            controlPlane:
              nodeSelector: {node-role.kubernetes.io/control-plane: ""}
              taint: {key: node-role.kubernetes.io/control-plane, effect: NoSchedule}
              allowedNamespaces: [kube-system]
              allowDaemonSets: true
              taintAdmins: [system:masters]
            topology:
              spread:
              - namespaces: []
                matchLabels: {}
                topologyKey: topology.kubernetes.io/zone
                maxSkew: 1
                whenUnsatisfiable: ScheduleAnyway
                selectorLabelKeys: [app.kubernetes.io/name, app]
              colocate: []
              services:
                trafficDistribution: PreferClose
            netpol:
              dns: {namespace: kube-system, podLabels: {k8s-app: kube-dns}, port: 53}
            qos:
              linkRate: 1gbit
              defaultClass: standard
              classes:
              - {name: control-plane,     priority: 0, rate: 20%, ceil: 100%, dscp: CS6}
              - {name: latency-sensitive, priority: 1, rate: 20%, ceil: 100%}
              - {name: standard,          priority: 4, rate: 30%, ceil: 100%}
              - {name: bulk,              priority: 7, rate: 10%, ceil: 90%}
              assignments:
              - class: control-plane
                namespaces: [kube-system]
                priorityClassNames: [system-cluster-critical, system-node-critical]
              - class: bulk
                matchLabels: {netguard.io/workload: batch}
              requests:
              - {class: latency-sensitive, namespaces: ["*"]}
              - {class: bulk, namespaces: ["*"]}
              controlPlanePorts: [6443, 2379, 2380, 10250, 10257, 10259]
            rules:
              control-plane-toleration: deny
              netpol-allow-all: warn
            """;

        var result = NetguardConfigLoader.Load(yaml, "config.yaml");

        result.IsValid.ShouldBeTrue(string.Join("\n", result.ProblemLines));
        var config = result.Config!;
        config.Rules.ShouldBe(new Dictionary<string, RuleAction> { ["control-plane-toleration"] = RuleAction.Deny, ["netpol-allow-all"] = RuleAction.Warn });
        config.Rules.Clear();
        SameAsDefault(config).ShouldBeTrue();
    }

    [Fact]
    public void Load_PartialMappings_KeepTheOtherDefaults()
    {
        const string yaml = "controlPlane:\n  allowDaemonSets: false\n  taint: {effect: NoExecute}\nnetpol:\n  dns:\n    port: 5353\nqos:\n  linkRate: 10gbit\n";

        var config = NetguardConfigLoader.LoadOrThrow(yaml);

        config.ControlPlane.AllowDaemonSets.ShouldBeFalse();
        config.ControlPlane.AllowedNamespaces.ShouldBe(["kube-system"]);
        config.ControlPlane.Taint.Key.ShouldBe("node-role.kubernetes.io/control-plane");
        config.ControlPlane.Taint.Effect.ShouldBe("NoExecute");
        config.Netpol.Dns.Port.ShouldBe(5353);
        config.Netpol.Dns.Namespace.ShouldBe("kube-system");
        config.Qos.LinkRate.BitsPerSecond.ShouldBe(10_000_000_000);
        config.Qos.Classes.Select(c => c.Name).ShouldBe(["control-plane", "latency-sensitive", "standard", "bulk"]);
    }

    [Fact]
    public void Load_ListsAndLabelMaps_ReplaceTheirDefaults()
    {
        const string yaml = "controlPlane:\n  allowedNamespaces: [kube-system, monitoring]\n  nodeSelector: {node-role.kubernetes.io/master: \"\"}\nnetpol:\n  dns: {podLabels: {k8s-app: coredns}}\n";

        var config = NetguardConfigLoader.LoadOrThrow(yaml);

        config.ControlPlane.AllowedNamespaces.ShouldBe(["kube-system", "monitoring"]);
        config.ControlPlane.NodeSelector.ShouldBe(new Dictionary<string, string> { ["node-role.kubernetes.io/master"] = "" });
        config.Netpol.Dns.PodLabels.ShouldBe(new Dictionary<string, string> { ["k8s-app"] = "coredns" });
    }

    [Fact]
    public void Load_ClassDefaults_CeilIsWholeLinkAndPriorityIsZero()
    {
        const string yaml = "qos:\n  defaultClass: only\n  classes:\n  - {name: only, rate: 50%}\n  assignments: []\n  requests: []\n";

        var c = NetguardConfigLoader.LoadOrThrow(yaml).Qos.Classes.Single();

        c.Ceil.Percent.ShouldBe(100);
        c.Priority.ShouldBe(0); // tc's default prio
        c.Dscp.ShouldBeNull();
    }

    [Fact]
    public void Load_RatesAndDscp_AcceptEverySpelling()
    {
        const string yaml = """
            qos:
              linkRate: 100000000
              defaultClass: a
              classes:
              - {name: a, rate: 12.5%, ceil: 100mbit, dscp: ef}
              - {name: b, rate: 500kbit, ceil: 50%, dscp: 46}
              - {name: c, rate: 1000000, dscp: AF41}
              assignments: []
              requests: [{class: b, namespaces: [shop]}]
            """;

        var config = NetguardConfigLoader.LoadOrThrow(yaml);

        config.Qos.LinkRate.BitsPerSecond.ShouldBe(100_000_000);
        config.Qos.Classes.Select(c => c.Rate.ToString()).ShouldBe(["12.5%", "500kbit", "1mbit"]);
        config.Qos.Classes.Select(c => c.Dscp).ShouldBe(["ef", "46", "AF41"]);
    }

    [Fact]
    public void Load_UnknownKey_ReportsPathLineAndSuggestion()
    {
        const string yaml = """
            qos:
              classes:
              - {name: control-plane, priority: 0, rate: 20%}
              - {name: latency-sensitive, priority: 1, rate: 20%}
              - name: standard
                priority: 4
                rat: 30%
              - {name: bulk, priority: 7, rate: 10%, ceil: 90%}
            """;

        var result = NetguardConfigLoader.Load(yaml, "config.yaml");

        result.ProblemLines.ShouldBe(
        [
            "config.yaml:5: qos.classes[2].rate: required",
            "config.yaml:7: qos.classes[2].rat: unknown key (did you mean \"rate\"?)",
        ]);
    }

    [Theory]
    [InlineData("controlPlane:\n  allowDaemonSets: maybe\n", "controlPlane.allowDaemonSets", "want true or false, found a string")]
    [InlineData("netpol:\n  dns:\n    port: 53.5\n", "netpol.dns.port", "want an integer, found 53.5")]
    [InlineData("netpol:\n  dns:\n    port: \"53\"\n", "netpol.dns.port", "want an integer, found a string")]
    [InlineData("topology:\n  spread: {}\n", "topology.spread", "want a list, found a mapping")]
    [InlineData("qos:\n  controlPlanePorts: [6443, x]\n", "qos.controlPlanePorts[1]", "want an integer, found a string")]
    [InlineData("qos:\n  linkRate: fast\n", "qos.linkRate", "invalid rate \"fast\" (units: bit, kbit, mbit, gbit, tbit, or %)")]
    [InlineData("qos:\n  linkRate: [1gbit]\n", "qos.linkRate", "want a rate such as 20% or 200mbit, found a list")]
    [InlineData("controlPlane:\n  taintAdmins: [~]\n", "controlPlane.taintAdmins[0]", "want a value, found null")]
    [InlineData("netpol:\n  dns:\n    podLabels: {enabled: yes}\n", "netpol.dns.podLabels.enabled", "want a string, found a boolean true (quote it: \"…\")")]
    [InlineData("controlPlane: [a]\n", "controlPlane", "want a mapping, found a list")]
    [InlineData("rules:\n  netpol-allow-all: 3\n", "rules.netpol-allow-all", "want an action (deny, warn, off, on), found a number")]
    [InlineData("rules:\n  netpol-allow-all: block\n", "rules.netpol-allow-all", "unknown action \"block\" (want deny, warn or off; on or off for mutations)")]
    public void Load_TypeError_ReportsPathAndWhatWasWanted(string yaml, string path, string message)
    {
        var result = NetguardConfigLoader.Load(yaml);

        result.IsValid.ShouldBeFalse();
        result.Config.ShouldBeNull();
        result.Problems.Select(p => (p.Path, p.Message)).ShouldBe([(path, message)]);
    }

    [Fact]
    public void Load_LabelKeyWithDots_PathUsesBrackets()
    {
        var result = NetguardConfigLoader.Load("controlPlane:\n  nodeSelector:\n    node-role.kubernetes.io/control-plane: 1\n");

        result.Problems.Single().Path.ShouldBe("controlPlane.nodeSelector[\"node-role.kubernetes.io/control-plane\"]");
        result.Problems.Single().Line.ShouldBe(3);
    }

    [Fact]
    public void Load_ManyProblems_ListsEveryOneInLineOrder()
    {
        const string yaml = """
            apiVersion: netguard.io/v1alpha1
            kind: NetguardConfig
            controlPlane:
              allowDaemonSets: maybe
              taint: {key: node-role.kubernetes.io/control-plane, effect: NoScheduel}
            topology:
              spread:
              - maxSkew: 0
                whenUnsatisfiable: ScheduleAnyway
            qos:
              linkRate: 1gbit
              defaultClass: standard
              classes:
              - {name: control-plane, priority: 0, rate: 20%, ceil: 100%, dscp: CS6}
              - {name: standard, priority: 9, rate: 30%, ceil: 20%}
              - name: bulk
                priority: 7
                rat: 10%
              assignments: []
              requests:
              - {class: gold, namespaces: ["*"]}
            rules:
              netpol-allow-al: warn
              topology-spread: deny
            """;

        var result = NetguardConfigLoader.Load(yaml, "config.yaml");

        result.ProblemLines.ShouldBe(
        [
            "config.yaml:4: controlPlane.allowDaemonSets: want true or false, found a string",
            "config.yaml:5: controlPlane.taint.effect: must be one of NoSchedule, PreferNoSchedule, NoExecute, found \"NoScheduel\"",
            "config.yaml:8: topology.spread[0].maxSkew: must be at least 1, found 0",
            "config.yaml:15: qos.classes[1].priority: must be 0–7 (0 is served first), found 9",
            "config.yaml:15: qos.classes[1].ceil: ceil 20% (200mbit) is below rate 30% (300mbit)",
            "config.yaml:16: qos.classes[2].rate: required",
            "config.yaml:18: qos.classes[2].rat: unknown key (did you mean \"rate\"?)",
            "config.yaml:21: qos.requests[0].class: class \"gold\" is not defined in qos.classes",
            "config.yaml:23: rules.netpol-allow-al: unknown rule id (did you mean \"netpol-allow-all\"?)",
            "config.yaml:24: rules.topology-spread: \"deny\" is not an action of mutation rule topology-spread (want on, off)",
        ]);
    }

    [Fact]
    public void Load_NewClassesWithoutNewAssignments_SaysTheDefaultsNeedReplacing()
    {
        const string yaml = "qos:\n  defaultClass: normal\n  classes:\n  - {name: normal, rate: 50%}\n  requests: []\n";

        var result = NetguardConfigLoader.Load(yaml, "c.yaml");

        // The default assignments name control-plane and bulk, which this config no longer defines.
        result.ProblemLines.ShouldBe(
        [
            "c.yaml:1: qos.assignments[0].class: class \"control-plane\" is not defined in qos.classes (qos.assignments is the default; set it to fit the rest of the config)",
            "c.yaml:1: qos.assignments[1].class: class \"bulk\" is not defined in qos.classes (qos.assignments is the default; set it to fit the rest of the config)",
        ]);
    }

    [Fact]
    public void Load_MalformedYaml_IsOneProblemWithLine()
    {
        var result = NetguardConfigLoader.Load("qos:\n  classes: [\n    {name: a\n", "c.yaml");

        result.Problems.Count.ShouldBe(1);
        result.Problems[0].Path.ShouldBe("");
        result.ProblemLines.Single().ShouldStartWith("c.yaml:");
    }

    [Fact]
    public void Load_TwoDocuments_IsAProblem() =>
        NetguardConfigLoader.Load("qos: {}\n---\nqos: {}\n").ProblemLines.Single().ShouldBe("line 3: expected one YAML document, found 2");

    [Fact]
    public void LoadOrThrow_InvalidConfig_ExceptionListsEveryProblem()
    {
        var e = Should.Throw<ConfigValidationException>(() => NetguardConfigLoader.LoadOrThrow("qos:\n  defaultClass: gold\n  linkRate: 50%\n", "c.yaml"));

        e.Lines.ShouldBe(
        [
            "c.yaml:2: qos.defaultClass: class \"gold\" is not defined in qos.classes",
            "c.yaml:3: qos.linkRate: must be an absolute rate such as 1gbit, not 50%",
        ]);
        e.Message.ShouldBe("invalid NetguardConfig in c.yaml: line 2: qos.defaultClass: class \"gold\" is not defined in qos.classes (and 1 more)");
    }

    [Fact]
    public void Load_ConfigMapManifest_ReportsLinesOfTheManifest()
    {
        const string yaml = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: netguard-config
              namespace: netguard-system
            data:
              config.yaml: |
                qos:
                  defaultClass: premium
            """;

        var result = NetguardConfigLoader.Load(yaml, "cm.yaml");

        result.ProblemLines.ShouldBe(["cm.yaml:9: qos.defaultClass: class \"premium\" is not defined in qos.classes"]);
    }

    [Fact]
    public void Load_ConfigMapWithValidConfig_LoadsIt()
    {
        const string yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: netguard-config}\ndata:\n  config.yaml: |\n    controlPlane:\n      allowDaemonSets: false\n";

        NetguardConfigLoader.LoadOrThrow(yaml).ControlPlane.AllowDaemonSets.ShouldBeFalse();
    }

    [Fact]
    public void Load_ConfigMapWithoutKey_SaysWhichKeyIsMissing() =>
        NetguardConfigLoader.Load("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  other: a\n").ProblemLines
            .ShouldBe(["line 4: data[\"config.yaml\"]: missing: the ConfigMap holds the NetguardConfig under the key config.yaml"]);

    [Fact]
    public void LoadConfigMap_TypedConfigMap_LoadsDataKey()
    {
        var cm = new ConfigMap
        {
            Metadata = new ObjectMeta { Name = "netguard-config", Namespace = "netguard-system" },
            Data = new Dictionary<string, string> { ["config.yaml"] = "qos:\n  defaultClass: nope\n" },
        };

        NetguardConfigLoader.LoadConfigMap(cm).ProblemLines
            .ShouldBe(["ConfigMap netguard-system/netguard-config:2: qos.defaultClass: class \"nope\" is not defined in qos.classes"]);
    }

    [Fact]
    public void LoadFile_ReadsFileAndNamesIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"netguard-config-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "qos:\n  linkRate: 0\n");
        try
        {
            NetguardConfigLoader.LoadFile(path).ProblemLines.ShouldBe([$"{path}:2: qos.linkRate: invalid rate \"0\" (want a positive number with a unit, e.g. 200mbit)"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadFile_MissingFile_ThrowsFileNotFound() =>
        Should.Throw<FileNotFoundException>(() => NetguardConfigLoader.LoadFile(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.yaml")));
}
