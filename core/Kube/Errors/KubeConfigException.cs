namespace Netguard.Core.Kube.Errors;

/// <summary>
/// The kubeconfig (or in-cluster configuration, or a flag) is unusable. The message names the file,
/// context and field concerned, e.g. <c>kubeconfig /home/me/.kube/config: users[0].user.client-certificate: file "x.crt" not found</c>.
/// </summary>
public sealed class KubeConfigException : KubeException
{
    public KubeConfigException(string message, string? file = null, string? context = null, string? field = null, Exception? innerException = null)
        : base(Compose(message, file, context, field), innerException)
    {
        File = file;
        Context = context;
        Field = field;
    }

    /// <summary>The kubeconfig file the problem is in, when one file is to blame.</summary>
    public string? File { get; }

    /// <summary>The context being used, when known.</summary>
    public string? Context { get; }

    /// <summary>The field path inside the file (e.g. <c>clusters[0].cluster.server</c>), when known.</summary>
    public string? Field { get; }

    private static string Compose(string message, string? file, string? context, string? field)
    {
        var where = new List<string>(3);
        if (file is not null)
        {
            where.Add($"kubeconfig {file}");
        }

        if (context is not null)
        {
            where.Add($"context \"{context}\"");
        }

        if (field is not null)
        {
            where.Add(field);
        }

        return where.Count == 0 ? message : $"{string.Join(", ", where)}: {message}";
    }
}
