using System.Globalization;
using System.Text.Json.Nodes;
using Netguard.Core.Kube.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Netguard.Core.Kube.Config;

/// <summary>
/// Reads one kubeconfig file through YamlDotNet's representation model (no reflection), resolving
/// relative paths against the file's directory as client-go does. Errors name the file and field.
/// </summary>
internal sealed class KubeConfigParser
{
    private readonly string _file;
    private readonly string _directory;

    private KubeConfigParser(string file)
    {
        _file = file;
        _directory = Path.GetDirectoryName(file) ?? "/";
    }

    public static KubeConfig Parse(string text, string file)
    {
        var parser = new KubeConfigParser(Path.GetFullPath(file));
        return parser.Parse(text);
    }

    private KubeConfig Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var reason = (e.InnerException?.Message ?? e.Message).ReplaceLineEndings(" ");
            throw new KubeConfigException($"malformed YAML at line {e.Start.Line}, column {e.Start.Column}: {reason}", _file, innerException: e);
        }

        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            return KubeConfig.Empty with { Files = [_file] };
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Error("", "expected a mapping at the top level");
        }

        var clusters = ReadNamedList(root, "clusters", "cluster", ReadCluster);
        var users = ReadNamedList(root, "users", "user", ReadUser);
        var contexts = ReadNamedList(root, "contexts", "context", ReadContext);
        return new KubeConfig
        {
            Files = [_file],
            CurrentContext = Scalar(root, "current-context", "current-context"),
            CurrentContextFile = Scalar(root, "current-context", "current-context") is null ? null : _file,
            Clusters = clusters,
            Users = users,
            Contexts = contexts,
        };
    }

    private Dictionary<string, T> ReadNamedList<T>(YamlMappingNode root, string key, string inner, Func<string, string, YamlMappingNode, T> read)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        if (Child(root, key) is not { } node || IsNull(node))
        {
            return result;
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw Error(key, "expected a list");
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            var path = $"{key}[{i}]";
            if (sequence.Children[i] is not YamlMappingNode entry)
            {
                throw Error(path, "expected a mapping with name and " + inner);
            }

            var name = Scalar(entry, "name", path + ".name");
            if (string.IsNullOrEmpty(name))
            {
                throw Error(path + ".name", "missing name");
            }

            var body = Child(entry, inner);
            if (body is not null && !IsNull(body) && body is not YamlMappingNode)
            {
                throw Error($"{path}.{inner}", "expected a mapping");
            }

            // client-go: within one file the first entry of a name wins as well.
            if (!result.ContainsKey(name))
            {
                result[name] = read(name, $"{path}.{inner}", body as YamlMappingNode ?? new YamlMappingNode());
            }
        }

        return result;
    }

    private KubeConfigCluster ReadCluster(string name, string path, YamlMappingNode node) => new()
    {
        Name = name,
        Origin = new KubeConfigOrigin(_file, null, path),
        Server = Scalar(node, "server", path),
        CertificateAuthority = FilePath(node, "certificate-authority", path),
        CertificateAuthorityData = Base64(node, "certificate-authority-data", path),
        InsecureSkipTlsVerify = Bool(node, "insecure-skip-tls-verify", path),
        TlsServerName = Scalar(node, "tls-server-name", path),
        ProxyUrl = Scalar(node, "proxy-url", path),
        ExecExtension = ReadExecExtension(node),
    };

    private KubeConfigUser ReadUser(string name, string path, YamlMappingNode node)
    {
        string? authProvider = null;
        if (Child(node, "auth-provider") is YamlMappingNode provider)
        {
            authProvider = Scalar(provider, "name", path + ".auth-provider") ?? "unnamed";
        }

        return new KubeConfigUser
        {
            Name = name,
            Origin = new KubeConfigOrigin(_file, null, path),
            ClientCertificate = FilePath(node, "client-certificate", path),
            ClientCertificateData = Base64(node, "client-certificate-data", path),
            ClientKey = FilePath(node, "client-key", path),
            ClientKeyData = Base64(node, "client-key-data", path),
            Token = Scalar(node, "token", path),
            TokenFile = FilePath(node, "tokenFile", path),
            Username = Scalar(node, "username", path),
            Password = Scalar(node, "password", path),
            Impersonate = Scalar(node, "as", path),
            ImpersonateGroups = StringList(node, "as-groups", path),
            Exec = ReadExec(node, path),
            AuthProvider = authProvider,
        };
    }

    private KubeConfigContext ReadContext(string name, string path, YamlMappingNode node) => new()
    {
        Name = name,
        Origin = new KubeConfigOrigin(_file, name, path),
        Cluster = Scalar(node, "cluster", path),
        User = Scalar(node, "user", path),
        Namespace = Scalar(node, "namespace", path),
    };

    private KubeExecConfig? ReadExec(YamlMappingNode user, string userPath)
    {
        var path = userPath + ".exec";
        if (Child(user, "exec") is not { } node || IsNull(node))
        {
            return null;
        }

        if (node is not YamlMappingNode exec)
        {
            throw Error(path, "expected a mapping");
        }

        var command = Scalar(exec, "command", path);
        if (string.IsNullOrEmpty(command))
        {
            throw Error(path + ".command", "missing command");
        }

        var apiVersion = Scalar(exec, "apiVersion", path);
        if (apiVersion is not ("client.authentication.k8s.io/v1" or "client.authentication.k8s.io/v1beta1"))
        {
            throw Error(path + ".apiVersion", apiVersion is null
                ? "missing apiVersion (want client.authentication.k8s.io/v1 or v1beta1)"
                : $"unsupported apiVersion \"{apiVersion}\" (want client.authentication.k8s.io/v1 or v1beta1)");
        }

        var modeText = Scalar(exec, "interactiveMode", path);
        ExecInteractiveMode mode;
        if (modeText is null)
        {
            // v1 requires the field; v1beta1 defaults to IfAvailable.
            if (apiVersion == "client.authentication.k8s.io/v1")
            {
                throw Error(path + ".interactiveMode", "required for client.authentication.k8s.io/v1 (Never, IfAvailable or Always)");
            }

            mode = ExecInteractiveMode.IfAvailable;
        }
        else if (!Enum.TryParse(modeText, ignoreCase: false, out mode) || !Enum.IsDefined(mode))
        {
            throw Error(path + ".interactiveMode", $"invalid value \"{modeText}\" (want Never, IfAvailable or Always)");
        }

        var env = new List<KeyValuePair<string, string>>();
        if (Child(exec, "env") is { } envNode && !IsNull(envNode))
        {
            if (envNode is not YamlSequenceNode list)
            {
                throw Error(path + ".env", "expected a list of {name, value}");
            }

            for (var i = 0; i < list.Children.Count; i++)
            {
                var entryPath = $"{path}.env[{i}]";
                if (list.Children[i] is not YamlMappingNode entry || Scalar(entry, "name", entryPath) is not { Length: > 0 } envName)
                {
                    throw Error(entryPath, "expected {name, value}");
                }

                env.Add(new(envName, Scalar(entry, "value", entryPath) ?? ""));
            }
        }

        // client-go resolves the command against the file only when it is a path, not a PATH lookup.
        if (command.Contains('/', StringComparison.Ordinal) && !Path.IsPathRooted(command))
        {
            command = Path.GetFullPath(Path.Combine(_directory, command));
        }

        return new KubeExecConfig
        {
            Command = command,
            Args = StringList(exec, "args", path),
            Env = env,
            ApiVersion = apiVersion,
            InstallHint = Scalar(exec, "installHint", path),
            ProvideClusterInfo = Bool(exec, "provideClusterInfo", path),
            InteractiveMode = mode,
        };
    }

    private static JsonNode? ReadExecExtension(YamlMappingNode cluster)
    {
        if (Child(cluster, "extensions") is not YamlSequenceNode extensions)
        {
            return null;
        }

        foreach (var item in extensions.Children.OfType<YamlMappingNode>())
        {
            if (Child(item, "name") is YamlScalarNode { Value: "client.authentication.k8s.io/exec" } && Child(item, "extension") is { } value)
            {
                return ToJson(value);
            }
        }

        return null;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar when IsNull(scalar) => null,
        YamlScalarNode { Style: ScalarStyle.Plain } scalar when bool.TryParse(scalar.Value, out var b) => JsonValue.Create(b),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar when long.TryParse(scalar.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private string? FilePath(YamlMappingNode node, string key, string path)
    {
        var value = Scalar(node, key, path);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.StartsWith("~/", StringComparison.Ordinal))
        {
            // client-go does not expand ~, but a file named "~" is never what a user meant; keep it literal.
            return Path.GetFullPath(Path.Combine(_directory, value));
        }

        return Path.IsPathRooted(value) ? value : Path.GetFullPath(Path.Combine(_directory, value));
    }

    private byte[]? Base64(YamlMappingNode node, string key, string path)
    {
        var value = Scalar(node, key, path);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(value.Trim());
        }
        catch (FormatException)
        {
            throw Error($"{path}.{key}", "not valid base64");
        }
    }

    private bool Bool(YamlMappingNode node, string key, string path)
    {
        var value = Scalar(node, key, path);
        return value?.ToLowerInvariant() switch
        {
            null => false,
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error($"{path}.{key}", $"expected true or false, got \"{value}\""),
        };
    }

    private List<string> StringList(YamlMappingNode node, string key, string path)
    {
        if (Child(node, key) is not { } child || IsNull(child))
        {
            return [];
        }

        if (child is not YamlSequenceNode sequence)
        {
            throw Error($"{path}.{key}", "expected a list of strings");
        }

        var result = new List<string>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is not YamlScalarNode scalar)
            {
                throw Error($"{path}.{key}[{i}]", "expected a string");
            }

            result.Add(scalar.Value ?? "");
        }

        return result;
    }

    private string? Scalar(YamlMappingNode node, string key, string path)
    {
        var child = Child(node, key);
        if (child is null || IsNull(child))
        {
            return null;
        }

        if (child is not YamlScalarNode scalar)
        {
            throw Error(path == key ? key : $"{path}.{key}", "expected a string");
        }

        return scalar.Value;
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && (scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    private KubeConfigException Error(string field, string message) =>
        new(message, _file, field: field.Length == 0 ? null : field);
}
