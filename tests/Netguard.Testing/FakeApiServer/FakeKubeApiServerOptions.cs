using System.Text.Json.Nodes;

namespace Netguard.Testing.FakeApiServer;

/// <summary>How the fake API server authenticates and identifies itself.</summary>
public sealed record FakeKubeApiServerOptions
{
    /// <summary>Names in the serving certificate; default localhost, 127.0.0.1, ::1.</summary>
    public IReadOnlyList<string>? ServerNames { get; init; }

    /// <summary>
    /// When true every request must authenticate: a client certificate issued by <see cref="FakeKubeApiServer.Pki"/>
    /// (user = CN), a bearer token from <see cref="FakeKubeApiServer.AcceptToken"/>, or a basic-auth pair.
    /// Otherwise anonymous requests are served.
    /// </summary>
    public bool RequireAuthentication { get; init; }

    /// <summary>Basic-auth user → password.</summary>
    public IReadOnlyDictionary<string, string> BasicUsers { get; init; } = new Dictionary<string, string>();

    /// <summary>What /version returns.</summary>
    public JsonObject? Version { get; init; }
}
