using System.Text.Json.Nodes;
using Netguard.Core.Cluster;
using Netguard.Core.Config;
using Netguard.Core.JsonPatch;

namespace Netguard.Core.Admission;

/// <summary>
/// Runs the rules of SPEC §5 over one subject. Mutations run first and build one patch; validations
/// then judge the mutated object, as the API server does with mutating then validating webhooks.
/// The webhook, `check` and `audit` all call this, so their verdicts agree.
/// </summary>
public sealed class AdmissionEngine
{
    private readonly IReadOnlyList<IAdmissionRule> _rules;

    public AdmissionEngine(IEnumerable<IAdmissionRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules.ToList();
        var duplicate = _rules.GroupBy(r => r.Descriptor.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"rule id {duplicate.Key} is registered twice", nameof(rules));
        }
    }

    public IReadOnlyList<IAdmissionRule> Rules => _rules;

    /// <summary>The effective action of a rule under a config.</summary>
    public static RuleAction ActionFor(RuleDescriptor rule, NetguardConfig config)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(config);
        return config.Rules.TryGetValue(rule.Id, out var a) ? a : rule.DefaultAction;
    }

    public AdmissionResult Evaluate(
        AdmissionSubject subject,
        IClusterSnapshot cluster,
        NetguardConfig config,
        RulePhase phases = RulePhase.All,
        bool audit = false)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(config);

        var findings = new List<Finding>();
        var patch = new List<JsonPatchOperation>();
        var current = subject;

        if (phases.HasFlag(RulePhase.Mutate))
        {
            current = Run(RulePhase.Mutate, subject, cluster, config, audit, findings, patch);
        }

        if (phases.HasFlag(RulePhase.Validate))
        {
            Run(RulePhase.Validate, current, cluster, config, audit, findings, patch: null);
        }

        return new AdmissionResult(findings, patch, current.Object);
    }

    /// <summary>Runs one phase; returns the subject as mutated by it (each mutation sees the ones before it).</summary>
    private AdmissionSubject Run(
        RulePhase phase,
        AdmissionSubject subject,
        IClusterSnapshot cluster,
        NetguardConfig config,
        bool audit,
        List<Finding> findings,
        List<JsonPatchOperation>? patch)
    {
        var view = subject;

        // One builder per request: its working copy is cloned on the first write, every mutating rule writes into
        // it, and each operation is applied as it is made. The submitted object is never changed.
        var builder = patch is null ? null : new PatchBuilder(subject.Object);
        foreach (var rule in _rules)
        {
            var d = rule.Descriptor;
            if (!d.Phases.HasFlag(phase) || (d.AuditOnly && !audit) || !d.AppliesTo(subject.Kind, subject.Operation))
            {
                continue;
            }

            var action = ActionFor(d, config);
            if (action == RuleAction.Off)
            {
                continue;
            }

            var rulePatch = new List<JsonPatchOperation>();
            var madeBefore = builder?.OperationCount ?? 0;
            try
            {
                // Inside the try: a view that cannot be read is reported against the rule about to read it.
                view.SettleTypedView();
                rule.Evaluate(new RuleContext(d, action, phase, view, cluster, config, findings, rulePatch, builder));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Name the rule: the webhook and `check` must be able to say which rule failed.
                throw new RuleEvaluationException(d.Id, phase, e);
            }

            if (builder is null)
            {
                continue;
            }

            if (builder.OperationCount == madeBefore && rulePatch.Count > 0)
            {
                builder.Apply(rulePatch); // written by hand rather than with the builder
            }
            else if (builder.OperationCount - madeBefore != rulePatch.Count)
            {
                // The patch sent to the API server and the object the next rules see must be the same thing.
                throw new RuleEvaluationException(d.Id, phase, new InvalidOperationException(
                    "the operations passed to Mutate are not the ones made with the context's PatchBuilder"));
            }

            if (rulePatch.Count > 0)
            {
                patch!.AddRange(rulePatch);
                view = view.WithMutation(builder.Current, rulePatch);
            }
        }

        return view;
    }
}
