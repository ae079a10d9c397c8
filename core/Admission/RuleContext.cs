using Netguard.Core.Cluster;
using Netguard.Core.Config;
using Netguard.Core.JsonPatch;

namespace Netguard.Core.Admission;

/// <summary>What one rule sees while it evaluates one subject, and where it reports.</summary>
public sealed class RuleContext
{
    private readonly List<Finding> _findings;
    private readonly List<JsonPatchOperation> _patch;
    private readonly PatchBuilder? _builder;

    internal RuleContext(
        RuleDescriptor rule,
        RuleAction action,
        RulePhase phase,
        AdmissionSubject subject,
        IClusterSnapshot cluster,
        NetguardConfig config,
        List<Finding> findings,
        List<JsonPatchOperation> patch,
        PatchBuilder? builder)
    {
        Rule = rule;
        Action = action;
        Phase = phase;
        Subject = subject;
        Cluster = cluster;
        Config = config;
        _findings = findings;
        _patch = patch;
        _builder = builder;
    }

    public RuleDescriptor Rule { get; }

    /// <summary>The effective action from the config (never Off: off rules are not evaluated).</summary>
    public RuleAction Action { get; }

    /// <summary>The phase being run; a rule that has both phases acts on the one given here.</summary>
    public RulePhase Phase { get; }

    public AdmissionSubject Subject { get; }

    public IClusterSnapshot Cluster { get; }

    public NetguardConfig Config { get; }

    /// <summary>
    /// Where mutations are made: the request's one working copy of the object, shared by the mutating rules in
    /// order. Pass the operations it returns to <see cref="Mutate"/>; only the mutate phase has one.
    /// </summary>
    public PatchBuilder Patch => _builder
        ?? throw new InvalidOperationException($"rule {Rule.Id}: mutations are made in the mutate phase only");

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
