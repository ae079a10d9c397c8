using Netguard.Core.Config;

namespace Netguard.Core.Tests.Config;

public class NetguardConfigValidatorTests
{
    /// <summary>A config whose QoS part is exactly <paramref name="qos"/> (no default assignments or requests).</summary>
    private static IEnumerable<(string Path, string Message)> QosProblems(string qos) =>
        NetguardConfigLoader.Load("qos:\n  assignments: []\n  requests: []\n" + qos).Problems.Select(p => (p.Path, p.Message));

    private static IEnumerable<(string Path, string Message)> Problems(string yaml) =>
        NetguardConfigLoader.Load(yaml).Problems.Select(p => (p.Path, p.Message));

    [Fact]
    public void Validate_BuiltInDefault_HasNoProblems() => NetguardConfigValidator.Validate(new NetguardConfig()).ShouldBeEmpty();

    [Fact]
    public void Validate_RatesAddingUpToExactly100Percent_IsValid() =>
        QosProblems("  defaultClass: a\n  classes:\n  - {name: a, rate: 60%}\n  - {name: b, rate: 40%}\n").ShouldBeEmpty();

    [Fact]
    public void Validate_PercentRatesOver100_ReportsTheSum() =>
        // 50% + 40% + 20% = 110% of the 1gbit default link.
        QosProblems("  defaultClass: a\n  classes:\n  - {name: a, rate: 50%}\n  - {name: b, rate: 40%}\n  - {name: c, rate: 20%}\n")
            .ShouldBe([("qos.classes", "guaranteed rates add up to 110% of qos.linkRate 1gbit; the sum must not exceed 100%")]);

    [Fact]
    public void Validate_MixedAbsoluteAndPercentRates_ResolveAgainstLinkRate() =>
        // 60mbit + 50% of 100mbit = 110mbit on a 100mbit link: 110%.
        QosProblems("  linkRate: 100mbit\n  defaultClass: a\n  classes:\n  - {name: a, rate: 60mbit}\n  - {name: b, rate: 50%}\n")
            .ShouldBe([("qos.classes", "guaranteed rates add up to 110% of qos.linkRate 100mbit; the sum must not exceed 100%")]);

    [Fact]
    public void Validate_AbsoluteRatesWithinLink_IsValid() =>
        QosProblems("  linkRate: 10gbit\n  defaultClass: a\n  classes:\n  - {name: a, rate: 2gbit}\n  - {name: b, rate: 500mbit, ceil: 1gbit}\n").ShouldBeEmpty();

    [Theory]
    [InlineData("{name: a, rate: 30%, ceil: 20%}", "ceil 20% (200mbit) is below rate 30% (300mbit)")]
    [InlineData("{name: a, rate: 20%, ceil: 100mbit}", "ceil 100mbit is below rate 20% (200mbit)")]
    [InlineData("{name: a, rate: 300mbit, ceil: 200mbit}", "ceil 200mbit is below rate 300mbit")]
    public void Validate_CeilBelowRate_IsReportedOnCeil(string cls, string message) =>
        QosProblems($"  defaultClass: a\n  classes:\n  - {cls}\n").ShouldBe([("qos.classes[0].ceil", message)]);

    [Fact]
    public void Validate_CeilEqualToRate_IsValid() =>
        QosProblems("  defaultClass: a\n  classes:\n  - {name: a, rate: 20%, ceil: 200mbit}\n").ShouldBeEmpty();

    [Theory]
    [InlineData("0%", "qos.classes[0].rate", "must be greater than 0")]
    public void Validate_ZeroRate_IsReported(string rate, string path, string message) =>
        QosProblems($"  defaultClass: a\n  classes:\n  - {{name: a, rate: \"{rate}\"}}\n").ShouldBe([(path, message)]);

    [Fact]
    public void Validate_PercentLinkRate_IsReported() =>
        QosProblems("  linkRate: 100%\n").ShouldBe([("qos.linkRate", "must be an absolute rate such as 1gbit, not 100%")]);

    [Theory]
    [InlineData(-1)]
    [InlineData(8)]
    public void Validate_PriorityOutside0To7_IsReported(int priority) =>
        QosProblems($"  defaultClass: a\n  classes:\n  - {{name: a, rate: 10%, priority: {priority}}}\n")
            .ShouldBe([("qos.classes[0].priority", $"must be 0–7 (0 is served first), found {priority}")]);

    [Theory]
    [InlineData("Standard")]
    [InlineData("a_b")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("this-name-is-far-too-long-for-a-dns-label-because-it-has-64-chars")]
    public void Validate_ClassNameNotDnsLabel_IsReported(string name) =>
        QosProblems($"  defaultClass: a\n  classes:\n  - {{name: a, rate: 10%}}\n  - {{name: \"{name}\", rate: 10%}}\n")
            .ShouldBe([("qos.classes[1].name", "must be a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)")]);

    [Fact]
    public void Validate_DuplicateClassName_NamesTheFirst() =>
        QosProblems("  defaultClass: a\n  classes:\n  - {name: a, rate: 10%}\n  - {name: b, rate: 10%}\n  - {name: a, rate: 10%}\n")
            .ShouldBe([("qos.classes[2].name", "class \"a\" is already defined at qos.classes[0]")]);

    [Fact]
    public void Validate_NoClasses_IsReported() =>
        QosProblems("  defaultClass: a\n  classes: []\n").ShouldBe(
        [
            ("qos.defaultClass", "class \"a\" is not defined in qos.classes"), // line 4
            ("qos.classes", "must define at least one class"), // line 5
        ]);

    [Fact]
    public void Validate_UndefinedClassReferences_AreEachReported() =>
        Problems("qos:\n  defaultClass: gold\n  classes:\n  - {name: a, rate: 10%}\n  assignments:\n  - {class: a}\n  - {class: silver}\n  requests:\n  - {class: bronze, namespaces: [\"*\"]}\n")
            .ShouldBe(
            [
                ("qos.defaultClass", "class \"gold\" is not defined in qos.classes"),
                ("qos.assignments[1].class", "class \"silver\" is not defined in qos.classes"),
                ("qos.requests[0].class", "class \"bronze\" is not defined in qos.classes"),
            ]);

    [Theory]
    [InlineData("CS6")]
    [InlineData("cs0")]
    [InlineData("EF")]
    [InlineData("af41")]
    [InlineData("AF13")]
    [InlineData("VA")]
    [InlineData("0")]
    [InlineData("63")]
    public void Validate_KnownDscp_IsValid(string dscp) =>
        QosProblems($"  defaultClass: a\n  classes:\n  - {{name: a, rate: 10%, dscp: {dscp}}}\n").ShouldBeEmpty();

    [Theory]
    [InlineData("64")]
    [InlineData("-1")]
    [InlineData("AF44")]
    [InlineData("CS8")]
    [InlineData("gold")]
    public void Validate_UnknownDscp_IsReported(string dscp) =>
        QosProblems($"  defaultClass: a\n  classes:\n  - {{name: a, rate: 10%, dscp: \"{dscp}\"}}\n")
            .ShouldBe([("qos.classes[0].dscp", $"unknown DSCP \"{dscp}\" (want 0–63 or a name: CS0–CS7, AF11–AF43, EF, VA, DF, LEPHB)")]);

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    public void Validate_ControlPlanePortOutOfRange_IsReported(int port) =>
        Problems($"qos:\n  controlPlanePorts: [6443, {port}]\n").ShouldBe([("qos.controlPlanePorts[1]", $"must be a port 1–65535, found {port}")]);

    [Fact]
    public void Validate_RequestWithoutNamespaces_IsReported() =>
        Problems("qos:\n  requests:\n  - {class: bulk, namespaces: []}\n  - {class: bulk}\n").ShouldBe(
        [
            ("qos.requests[0].namespaces", "must name at least one namespace, or \"*\" for all"),
            ("qos.requests[1].namespaces", "required"),
        ]);

    [Fact]
    public void Validate_AssignmentNames_MustBeUnique() =>
        Problems("qos:\n  assignments:\n  - {name: system, class: control-plane}\n  - {name: system, class: bulk}\n")
            .ShouldBe([("qos.assignments[1].name", "assignment \"system\" is already defined at qos.assignments[0]")]);

    [Fact]
    public void Validate_SpreadSettings_AreChecked() =>
        Problems("topology:\n  spread:\n  - {maxSkew: 0, whenUnsatisfiable: Sometimes, selectorLabelKeys: [], topologyKey: \"\"}\n").ShouldBe(
        [
            ("topology.spread[0].topologyKey", "\"\" must be a label key: an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"),
            ("topology.spread[0].maxSkew", "must be at least 1, found 0"),
            ("topology.spread[0].whenUnsatisfiable", "must be one of DoNotSchedule, ScheduleAnyway, found \"Sometimes\""),
            ("topology.spread[0].selectorLabelKeys", "must name at least one label key"),
        ]);

    [Fact]
    public void Validate_DoNotSchedule_IsValid() =>
        Problems("topology:\n  spread:\n  - {whenUnsatisfiable: DoNotSchedule, maxSkew: 2}\n").ShouldBeEmpty();

    [Theory]
    [InlineData("\"\"")]
    [InlineData("PreferClose")]
    [InlineData("PreferSameZone")]
    [InlineData("PreferSameNode")]
    public void Validate_KnownTrafficDistribution_IsValid(string value) =>
        Problems($"topology:\n  services:\n    trafficDistribution: {value}\n").ShouldBeEmpty();

    [Fact]
    public void Validate_UnknownTrafficDistribution_IsReported() =>
        Problems("topology:\n  services:\n    trafficDistribution: Nearest\n")
            .ShouldBe([("topology.services.trafficDistribution", "must be one of \"\", PreferClose, PreferSameZone, PreferSameNode, found \"Nearest\"")]);

    [Fact]
    public void Validate_ColocateWeightAndTarget_AreChecked() =>
        Problems("topology:\n  colocate:\n  - {weight: 0}\n  - {weight: 101, with: {labels: {app: db}}}\n  - {weight: 100, with: {labels: {app: db}}}\n  - {with: {labels: {}}}\n").ShouldBe(
        [
            ("topology.colocate[0].with", "required"),
            ("topology.colocate[0].weight", "must be 1–100 (a preferred affinity weight), found 0"),
            ("topology.colocate[1].weight", "must be 1–100 (a preferred affinity weight), found 101"),
            ("topology.colocate[3].with.labels", "must name at least one label (the pods to be near)"),
        ]);

    [Fact]
    public void Validate_ControlPlaneSettings_AreChecked() =>
        Problems("controlPlane:\n  nodeSelector: {}\n  taint: {effect: Evict, value: \"bad value\"}\n  allowedNamespaces: [kube-system, Kube_System, \"*\"]\n  taintAdmins: [\"\"]\n").ShouldBe(
        [
            ("controlPlane.nodeSelector", "must not be empty (an empty selector makes every node a control-plane node)"),
            ("controlPlane.taint.value", "must be a label value: empty, or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"),
            ("controlPlane.taint.effect", "must be one of NoSchedule, PreferNoSchedule, NoExecute, found \"Evict\""),
            ("controlPlane.allowedNamespaces[1]", "\"Kube_System\" is not a namespace name: must be a DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters), or \"*\" for all"),
            ("controlPlane.taintAdmins[0]", "must name a user or group"),
        ]);

    [Fact]
    public void Validate_BadLabelKey_IsReportedWithBracketPath() =>
        Problems("netpol:\n  dns:\n    podLabels: {\"-bad\": x, \"example.com/ok\": \"v\", \"a/b/c\": d}\n").ShouldBe(
        [
            ("netpol.dns.podLabels[\"-bad\"]", "key must be a label key: an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"),
            ("netpol.dns.podLabels[\"a/b/c\"]", "key must be a label key: an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"),
        ]);

    [Theory]
    [InlineData(0)]
    [InlineData(70000)]
    public void Validate_DnsPortOutOfRange_IsReported(int port) =>
        Problems($"netpol:\n  dns:\n    port: {port}\n").ShouldBe([("netpol.dns.port", $"must be a port 1–65535, found {port}")]);

    [Fact]
    public void Validate_ApiVersionAndKind_MustBeNetguardConfig() =>
        Problems("apiVersion: netguard.io/v1\nkind: Config\n").ShouldBe(
        [
            ("apiVersion", "must be netguard.io/v1alpha1, found \"netguard.io/v1\""),
            ("kind", "must be NetguardConfig, found \"Config\""),
        ]);

    [Theory]
    [InlineData("control-plane-toleration: warn", RuleAction.Warn)]
    [InlineData("netpol-allow-all: deny", RuleAction.Deny)]
    [InlineData("netpol-blocks-dns: off", RuleAction.Off)] // unquoted off is YAML 1.1 false: taken as off
    [InlineData("topology-spread: off", RuleAction.Off)]
    [InlineData("topology-spread: on", RuleAction.On)] // unquoted on is YAML 1.1 true: taken as on
    [InlineData("qos-class: \"off\"", RuleAction.Off)]
    [InlineData("control-plane-taint: warn", RuleAction.Warn)] // both parts: the taint is still added, removal only warns
    [InlineData("control-plane-taint: off", RuleAction.Off)]
    public void Load_ValidRuleAction_IsStored(string line, RuleAction expected)
    {
        var config = NetguardConfigLoader.LoadOrThrow("rules:\n  " + line + "\n");

        config.Rules.Single().Value.ShouldBe(expected);
    }

    [Theory]
    [InlineData("netpol-allow-all: on", "rules.netpol-allow-all", "\"on\" is not an action of validation rule netpol-allow-all (want deny, warn, off)")]
    [InlineData("qos-class: warn", "rules.qos-class", "\"warn\" is not an action of mutation rule qos-class (want on, off)")]
    [InlineData("control-plane-taint: on", "rules.control-plane-taint", "\"on\" is not an action of validation rule control-plane-taint (want deny, warn, off)")]
    [InlineData("netpol-allow-al: warn", "rules.netpol-allow-al", "unknown rule id (did you mean \"netpol-allow-all\"?)")]
    [InlineData("no-such-rule: warn", "rules.no-such-rule", "unknown rule id (see docs/config.md for the list)")]
    public void Validate_BadRuleEntry_IsReported(string line, string path, string message) =>
        Problems("rules:\n  " + line + "\n").ShouldBe([(path, message)]);

    [Fact]
    public void Validate_ConfigBuiltInCode_ReportsPathsWithoutLines()
    {
        var config = new NetguardConfig();
        config.Qos.Classes[0].Priority = 9;
        config.Rules["bogus"] = RuleAction.Warn;

        NetguardConfigValidator.Validate(config).ShouldBe(
        [
            new ConfigProblem("qos.classes[0].priority", "must be 0–7 (0 is served first), found 9"),
            new ConfigProblem("rules.bogus", "unknown rule id (see docs/config.md for the list)"),
        ]);
    }
}
