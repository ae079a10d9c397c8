namespace Netguard.Core.Rules;

/// <summary>The stable rule ids of SPEC §5: used in webhook messages, `check`/`audit` output and the config's `rules:`.</summary>
public static class RuleIds
{
    public const string ControlPlaneToleration = "control-plane-toleration";
    public const string ControlPlanePinning = "control-plane-pinning";
    public const string ControlPlaneTaint = "control-plane-taint";

    public const string TopologySpread = "topology-spread";
    public const string ColocateAffinity = "colocate-affinity";
    public const string ServiceTopology = "service-topology";

    public const string NetpolAllowAll = "netpol-allow-all";
    public const string NetpolWorldCidr = "netpol-world-cidr";
    public const string NetpolBlocksDns = "netpol-blocks-dns";
    public const string NetpolSelectsNothing = "netpol-selects-nothing";
    public const string NetpolImplicitTypes = "netpol-implicit-types";
    public const string NetpolUnknownPort = "netpol-unknown-port";
    public const string NamespaceDefaultDeny = "namespace-default-deny";

    public const string QosClass = "qos-class";
    public const string QosClassUnknown = "qos-class-unknown";
    public const string QosClassForbidden = "qos-class-forbidden";
}
