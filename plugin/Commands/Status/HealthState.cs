namespace Netguard.Plugin.Commands.Status;

/// <summary>How one component of an installation is doing.</summary>
public enum HealthState
{
    Ok,

    /// <summary>Works now, needs attention soon (a certificate close to expiry, a replica down of several).</summary>
    Warning,

    /// <summary>Broken or missing: <c>status</c> exits 1.</summary>
    Unhealthy,

    /// <summary>Could not be read from the API server: <c>status</c> exits 3.</summary>
    Error,
}
