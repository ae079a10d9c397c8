namespace Netguard.Core.Config;

/// <summary>A config that cannot be used; <see cref="Problems"/> lists every problem, not just the first.</summary>
public sealed class ConfigValidationException : Exception
{
    public ConfigValidationException()
        : this([], null)
    {
    }

    public ConfigValidationException(string message)
        : base(message)
    {
        Problems = [new ConfigProblem("", message)];
    }

    public ConfigValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new ConfigProblem("", message)];
    }

    public ConfigValidationException(IReadOnlyList<ConfigProblem> problems, string? source)
        : base(Summary(problems, source))
    {
        Problems = problems;
        ConfigSource = source;
    }

    public IReadOnlyList<ConfigProblem> Problems { get; } = [];

    /// <summary>The file (or ConfigMap) the config came from, when known.</summary>
    public string? ConfigSource { get; }

    /// <summary>Every problem, one formatted line each.</summary>
    public IEnumerable<string> Lines => Problems.Select(p => p.Format(ConfigSource));

    private static string Summary(IReadOnlyList<ConfigProblem> problems, string? source)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var what = source is null ? "invalid NetguardConfig" : $"invalid NetguardConfig in {source}";
        return problems.Count switch
        {
            0 => what,
            1 => $"{what}: {problems[0].Format()}",
            _ => $"{what}: {problems[0].Format()} (and {problems.Count - 1} more)",
        };
    }
}
