using Netguard.Core.Admission;

namespace Netguard.Webhook.Admission;

/// <summary>One of the two admission endpoints: which engine phase it runs and how it fails.</summary>
public sealed class AdmissionEndpoint
{
    public static readonly AdmissionEndpoint Mutate = new("mutate", "/mutate", RulePhase.Mutate);

    public static readonly AdmissionEndpoint Validate = new("validate", "/validate", RulePhase.Validate);

    private AdmissionEndpoint(string name, string path, RulePhase phase)
    {
        Name = name;
        Path = path;
        Phase = phase;
    }

    /// <summary>"mutate" or "validate": the metrics and log label.</summary>
    public string Name { get; }

    public string Path { get; }

    public RulePhase Phase { get; }

    public override string ToString() => Name;
}
