namespace Netguard.Core.Config;

/// <summary>The outcome of loading a config: the config when it is valid, and every problem found.</summary>
public sealed class ConfigLoadResult
{
    internal ConfigLoadResult(NetguardConfig? config, IReadOnlyList<ConfigProblem> problems, string? source)
    {
        Config = problems.Count == 0 ? config : null;
        Problems = problems;
        Source = source;
    }

    /// <summary>The loaded config with every default filled in; null when there are problems.</summary>
    public NetguardConfig? Config { get; }

    /// <summary>Every problem, in source order (problems without a line last).</summary>
    public IReadOnlyList<ConfigProblem> Problems { get; }

    /// <summary>The file or ConfigMap the text came from, used when formatting problems.</summary>
    public string? Source { get; }

    public bool IsValid => Problems.Count == 0;

    /// <summary>Every problem as one line (<see cref="ConfigProblem.Format"/> with <see cref="Source"/>).</summary>
    public IEnumerable<string> ProblemLines => Problems.Select(p => p.Format(Source));

    /// <summary>The config, or a <see cref="ConfigValidationException"/> listing every problem.</summary>
    public NetguardConfig GetConfigOrThrow() => Config ?? throw new ConfigValidationException(Problems, Source);
}
