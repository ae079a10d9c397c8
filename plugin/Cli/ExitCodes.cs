namespace Netguard.Plugin.Cli;

/// <summary>Exit codes of SPEC §7.</summary>
public static class ExitCodes
{
    public const int Clean = 0;

    /// <summary>Findings: denied objects, failed checks, a connection that is not allowed.</summary>
    public const int Findings = 1;

    /// <summary>Usage or input error.</summary>
    public const int Input = 2;

    /// <summary>Cluster or API error.</summary>
    public const int Api = 3;

    /// <summary>Interrupted (Ctrl-C): 128 + SIGINT, as a shell reports it.</summary>
    public const int Interrupted = 130;
}
