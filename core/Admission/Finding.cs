namespace Netguard.Core.Admission;

/// <summary>One thing a rule reported about the subject.</summary>
public sealed record Finding(string Rule, FindingAction Action, string Message);
