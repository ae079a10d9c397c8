using Netguard.Core.Cluster;
using Netguard.Core.Config;
using Netguard.Core.JsonPatch;

namespace Netguard.Core.Admission;

/// <summary>What one rule sees while it evaluates one subject, and where it reports.</summary>
public sealed class RuleContext
{
    private readonly List<Finding> _findings;
    private readonly List<JsonPatchOperation> _patch;

    internal RuleContext(
        RuleDescriptor rule,
        RuleAction action,
        RulePhase phase,
        AdmissionSubject subject,
        IClusterSnapshot cluster,
        NetguardConfig config,
        List<Finding> findings,
        List<JsonPatchOperation> patch)
    {
        Rule = rule;
        Action = action;
        Phase = phase;
        Subject = subject;
        Cluster = cluster;
        Config = config;
        _findings = findings;
        _patch = patch;
    }

    public RuleDescriptor Rule { get; }

    /// <summary>The effective action from the config (never Off: off rules are not evaluated).</summary>
    public RuleAction Action { get; }

    /// <summary>The phase being run; a rule that has both phases acts on the one given here.</summary>
    public RulePhase Phase { get; }

    public AdmissionSubject Subject { get; }

    public IClusterSnapshot Cluster { get; }

    public NetguardConfig Config { get; }

    /// <summary>Reports a violation: denies or warns according to <see cref="Action"/>.</summary>
    public void Report(string message) =>
        _findings.Add(new Finding(Rule.Id, Action == RuleAction.Warn ? FindingAction.Warn : FindingAction.Deny, message));

    /// <summary>Reports a warning regardless of the configured action (advice that never denies).</summary>
    public void Warn(string message) => _findings.Add(new Finding(Rule.Id, FindingAction.Warn, message));

    /// <summary>Records a mutation: the operations, and one finding that says in words what they do.</summary>
    public void Mutate(string message, params IEnumerable<JsonPatchOperation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var before = _patch.Count;
        _patch.AddRange(operations);
        if (_patch.Count > before)
        {
            _findings.Add(new Finding(Rule.Id, FindingAction.Mutate, message));
        }
    }
}
