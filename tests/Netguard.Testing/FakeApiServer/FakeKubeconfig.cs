using System.Text;

namespace Netguard.Testing.FakeApiServer;

/// <summary>Writes kubeconfig files that point at a <see cref="FakeKubeApiServer"/>.</summary>
public static class FakeKubeconfig
{
    /// <summary>
    /// A kubeconfig with one cluster (the fake server, trusting its CA file), one user made of
    /// <paramref name="userYaml"/> (lines under <c>user:</c>, indented by the caller with 4 spaces, or empty),
    /// and one context that is current.
    /// </summary>
    public static string Yaml(
        FakeKubeApiServer server,
        string userYaml = "",
        string context = "fake",
        string? ns = null,
        string? clusterYaml = null,
        string cluster = "fake-cluster",
        string user = "fake-user")
    {
        ArgumentNullException.ThrowIfNull(server);
        var text = new StringBuilder();
        text.Append("apiVersion: v1\nkind: Config\n");
        text.Append($"current-context: {context}\n");
        text.Append("clusters:\n");
        text.Append($"- name: {cluster}\n  cluster:\n");
        text.Append(clusterYaml ?? $"    server: {server.Url.AbsoluteUri.TrimEnd('/')}\n    certificate-authority: {server.CaCertificatePath}\n");
        text.Append("users:\n");
        text.Append(string.IsNullOrWhiteSpace(userYaml)
            ? $"- name: {user}\n  user: {{}}\n"
            : $"- name: {user}\n  user:\n{userYaml.TrimEnd('\n')}\n");
        text.Append("contexts:\n");
        text.Append($"- name: {context}\n  context:\n    cluster: {cluster}\n    user: {user}\n");
        if (ns is not null)
        {
            text.Append($"    namespace: {ns}\n");
        }

        return text.ToString();
    }

    /// <summary>Writes <see cref="Yaml"/> to <paramref name="path"/>; returns the path.</summary>
    public static string Write(string path, FakeKubeApiServer server, string userYaml = "", string context = "fake", string? ns = null)
    {
        File.WriteAllText(path, Yaml(server, userYaml, context, ns));
        return path;
    }
}
