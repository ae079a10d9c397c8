using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Netguard.Core.Yaml;

namespace Netguard.Plugin.Tests.Install;

/// <summary>The objects of an <c>install</c> run, read back with the core YAML reader, and the TLS material in them.</summary>
internal sealed partial class InstallOutput
{
    public InstallOutput(string yaml)
    {
        Objects = YamlJsonReader.ReadDocuments(yaml).Select(d => d.Root).OfType<JsonObject>().ToList();
    }

    public IReadOnlyList<JsonObject> Objects { get; }

    public IEnumerable<string> Kinds => Objects.Select(o => o["kind"]!.GetValue<string>());

    public JsonObject Single(string kind, string? name = null) =>
        Objects.Single(o => o["kind"]!.GetValue<string>() == kind && (name is null || o["metadata"]!["name"]!.GetValue<string>() == name));

    public JsonObject Secret => Single("Secret");

    public IEnumerable<JsonObject> Webhooks => Objects
        .Where(o => o["kind"]!.GetValue<string>() is "MutatingWebhookConfiguration" or "ValidatingWebhookConfiguration")
        .SelectMany(o => o["webhooks"]!.AsArray().Select(w => w!.AsObject()));

    public X509Certificate2 ServingCertificate => X509Certificate2.CreateFromPem(SecretText("tls.crt"), SecretText("tls.key"));

    public string SecretText(string key) => Encoding.ASCII.GetString(Convert.FromBase64String(Secret["data"]![key]!.GetValue<string>()));

    public static X509Certificate2Collection Pem(string base64)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(Encoding.ASCII.GetString(Convert.FromBase64String(base64)));
        return collection;
    }

    /// <summary>The output with the (random) key material replaced, for golden files.</summary>
    public static string Masked(string yaml) => KeyMaterial().Replace(yaml, "$1<base64>");

    [GeneratedRegex(@"((?:tls\.crt|tls\.key|ca\.crt|caBundle): )[A-Za-z0-9+/=]{40,}")]
    private static partial Regex KeyMaterial();
}
