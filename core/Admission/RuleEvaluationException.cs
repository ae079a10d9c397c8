namespace Netguard.Core.Admission;

/// <summary>
/// A rule threw (or produced a patch that does not apply) while evaluating a subject. Carries the rule id
/// so callers can say which rule failed: the webhook logs it and answers safely, `check` reports it.
/// </summary>
public sealed class RuleEvaluationException : Exception
{
    public RuleEvaluationException()
    {
        RuleId = "";
    }

    public RuleEvaluationException(string message)
        : base(message)
    {
        RuleId = "";
    }

    public RuleEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
        RuleId = "";
    }

    public RuleEvaluationException(string ruleId, RulePhase phase, Exception innerException)
        : base($"rule {ruleId} failed in the {phase.ToString().ToLowerInvariant()} phase: {innerException?.Message}", innerException)
    {
        RuleId = ruleId;
        Phase = phase;
    }

    /// <summary>The id of the rule that failed.</summary>
    public string RuleId { get; }

    public RulePhase Phase { get; }
}
