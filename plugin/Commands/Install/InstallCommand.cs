using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Netguard.Core.Config;
using Netguard.Core.Yaml;
using Netguard.Plugin.Cli;
using Netguard.Plugin.Commands.Status;

namespace Netguard.Plugin.Commands.Install;

/// <summary>
/// <c>install [-n NS] [--image REPO:TAG] [--agent-image REPO:TAG] [--config FILE] [--ca-cert FILE --ca-key FILE]</c>:
/// prints every manifest netguard needs (built into the binary) as one multi-document YAML stream for
/// <c>kubectl apply -f -</c>, with a freshly generated CA and serving certificate (Secret + caBundle). Needs no
/// cluster. The namespace is <c>-n</c> when given, else netguard-system. Exit 2 on a bad flag or config.
/// </summary>
public sealed partial class InstallCommand
{
    private readonly CliContext _context;

    private readonly Option<string?> _image = new("--image")
    {
        Description = "Webhook container image (default: the one this release was built with)",
        HelpName = "REPO:TAG",
    };

    private readonly Option<string?> _agentImage = new("--agent-image")
    {
        Description = "Node agent container image (default: the one this release was built with)",
        HelpName = "REPO:TAG",
    };

    private readonly Option<string?> _config = new("--config")
    {
        Description = "NetguardConfig for the netguard-config ConfigMap (YAML, or a ConfigMap holding config.yaml; - for stdin); validated first",
        HelpName = "FILE",
    };

    private readonly Option<string?> _caCert = new("--ca-cert")
    {
        Description = "Sign the serving certificate with this CA (PEM) instead of a new one, so caBundle stays the same on renewal",
        HelpName = "FILE",
    };

    private readonly Option<string?> _caKey = new("--ca-key")
    {
        Description = "Private key (PEM) of --ca-cert",
        HelpName = "FILE",
    };

    private InstallCommand(CliContext context)
    {
        _context = context;
    }

    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var c = new InstallCommand(context);
        var command = new Command("install", "Print the manifests that install netguard (webhook, agent, config, generated TLS) for kubectl apply -f -")
        {
            c._image, c._agentImage, c._config, c._caCert, c._caKey,
        };
        command.SetAction(c.Run);
        return command;
    }

    private int Run(ParseResult parse)
    {
        var ns = parse.GetValue(_context.Flags.Namespace) ?? InstalledNames.DefaultNamespace;
        if (!KubeNameSyntax.IsDnsLabel(ns))
        {
            throw CliException.Input($"--namespace: \"{ns}\" is not a valid namespace name (lower-case letters, digits and '-', at most 63 characters)");
        }

        var options = new InstallOptions
        {
            Namespace = ns,
            WebhookImage = Image("--image", parse.GetValue(_image)),
            AgentImage = Image("--agent-image", parse.GetValue(_agentImage)),
        };
        if (parse.GetValue(_config) is { } configFile)
        {
            if (ReadConfig(configFile) is not { } config)
            {
                return ExitCodes.Input;
            }

            options = options with { ConfigYaml = config };
        }

        var manifests = EmbeddedManifests.Load();
        var dnsNames = InstallManifestBuilder.ServingDnsNames(manifests, ns);
        var issuer = new WebhookCertificateIssuer(_context.Environment.Time);
        var certificates = LoadCa(parse.GetValue(_caCert), parse.GetValue(_caKey)) is { } ca
            ? Using(ca, c => issuer.IssueWithCa(c, dnsNames))
            : issuer.Issue(dnsNames);

        IReadOnlyList<JsonObject> objects;
        try
        {
            objects = InstallManifestBuilder.Build(manifests, options, certificates);
        }
        catch (InvalidOperationException e)
        {
            throw CliException.Input(e.Message);
        }

        var now = _context.Environment.Time.GetUtcNow();
        _context.Out.Write($"# netguard {Cli.ClientVersion.Current.GitVersion} for namespace {ns}, printed by `kubectl netguard install` at {Stamp(now)}.\n");
        _context.Out.Write($"# The serving certificate for {dnsNames[0]} expires {Stamp(certificates.ServingNotAfter)}: run install again before then.\n");
        _context.Out.Write("---\n");
        _context.Out.Write(YamlJsonWriter.WriteDocuments(objects));
        _context.Error.WriteLine($"{objects.Count} objects for namespace {ns}; serving certificate valid until {Stamp(certificates.ServingNotAfter)}. Apply with: kubectl apply -f -");
        return ExitCodes.Clean;
    }

    /// <summary>The config text for the ConfigMap, or null after printing its problems (exit 2).</summary>
    private string? ReadConfig(string file)
    {
        var text = ConfigFileReader.ReadText(_context, file);
        var result = NetguardConfigLoader.Load(text, ConfigFileReader.SourceName(file));
        if (!result.IsValid)
        {
            foreach (var line in result.ProblemLines)
            {
                _context.Error.WriteLine($"error: {line}");
            }

            return null;
        }

        // A ConfigMap manifest holds the config under data.config.yaml; the loader already checked it is there.
        return YamlJsonReader.ReadSingle(text).Root is JsonObject { } root && root["kind"]?.GetValue<string>() == "ConfigMap"
            ? root["data"]![NetguardConfigLoader.ConfigMapKey]!.GetValue<string>()
            : text;
    }

    private X509Certificate2? LoadCa(string? certFile, string? keyFile)
    {
        if (certFile is null && keyFile is null)
        {
            return null;
        }

        if (certFile is null || keyFile is null)
        {
            throw CliException.Input("--ca-cert and --ca-key go together");
        }

        X509Certificate2 ca;
        try
        {
            ca = X509Certificate2.CreateFromPem(ReadFile("--ca-cert", certFile), ReadFile("--ca-key", keyFile));
        }
        catch (CryptographicException e)
        {
            throw CliException.Input($"--ca-cert/--ca-key: not a PEM certificate and its private key ({e.Message.TrimEnd('.')})");
        }

        if (ca.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
        {
            ca.Dispose();
            throw CliException.Input($"--ca-cert {certFile}: not a CA certificate (basicConstraints CA:TRUE missing)");
        }

        if (ca.NotAfter.ToUniversalTime() <= _context.Environment.Time.GetUtcNow().UtcDateTime)
        {
            ca.Dispose();
            throw CliException.Input($"--ca-cert {certFile}: the CA expired on {ca.NotAfter.ToUniversalTime():yyyy-MM-dd}");
        }

        return ca;
    }

    private string ReadFile(string flag, string file)
    {
        try
        {
            return File.ReadAllText(Path.GetFullPath(file, _context.Environment.CurrentDirectory));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw CliException.Input($"{flag} {file}: no such file or directory");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Input($"{flag} {file}: {e.Message}");
        }
    }

    private static T Using<T>(X509Certificate2 certificate, Func<X509Certificate2, T> use)
    {
        using (certificate)
        {
            return use(certificate);
        }
    }

    /// <summary>A container image reference: no whitespace, a repository, an optional :tag and/or @digest.</summary>
    private static string? Image(string flag, string? image)
    {
        if (image is null)
        {
            return null;
        }

        return ImageReference().IsMatch(image)
            ? image
            : throw CliException.Input($"{flag}: \"{image}\" is not an image reference (want e.g. registry.example.com/netguard-webhook:0.1.0)");
    }

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // [registry[:port]/]path[:tag][@algo:hex] — distribution/reference's grammar, loosely: lower-case path components.
    [GeneratedRegex(@"^([A-Za-z0-9.-]+(:[0-9]+)?/)?[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*(/[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@[a-z0-9]+([+._-][a-z0-9]+)*:[0-9a-fA-F]{32,})?\z", RegexOptions.CultureInvariant)]
    private static partial Regex ImageReference();
}
