using System.Text.Json.Nodes;
using Netguard.Core.Yaml;
using Netguard.Testing;

namespace Netguard.Plugin.Tests.Install;

/// <summary>
/// krew.yaml is the template .ci/release renders (placeholders for version, URL and sums). Its shape follows
/// krew's plugin manifest documentation: krew.googlecontainertools.github.com/v1alpha2 Plugin, name = the plugin
/// (kubectl netguard), and per platform a selector on os/arch (Go's names), uri, sha256 and bin.
/// </summary>
public sealed class KrewManifestTests
{
    private static readonly JsonObject Manifest = (JsonObject)YamlJsonReader.ReadSingle(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "krew.yaml"))).Root!;

    [Fact]
    public void Template_IsAKrewPluginNamedNetguard()
    {
        Manifest["apiVersion"]!.GetValue<string>().ShouldBe("krew.googlecontainertools.github.com/v1alpha2");
        Manifest["kind"]!.GetValue<string>().ShouldBe("Plugin");
        Manifest["metadata"]!["name"]!.GetValue<string>().ShouldBe("netguard");
        var spec = Manifest["spec"]!;
        spec["version"]!.GetValue<string>().ShouldBe("{{VERSION}}");
        spec["homepage"]!.GetValue<string>().ShouldStartWith("https://");
        spec["shortDescription"]!.GetValue<string>().Length.ShouldBeInRange(10, 60);
        spec["description"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void Template_FivePlatformsEachWithItsOwnArchiveSumAndBinary()
    {
        var platforms = Manifest["spec"]!["platforms"]!.AsArray().Select(p => p!.AsObject()).ToList();

        platforms.Select(p => $"{p["selector"]!["matchLabels"]!["os"]}/{p["selector"]!["matchLabels"]!["arch"]}")
            .ShouldBe(["linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64"]);
        foreach (var p in platforms)
        {
            var os = p["selector"]!["matchLabels"]!["os"]!.GetValue<string>();
            var arch = p["selector"]!["matchLabels"]!["arch"]!.GetValue<string>();
            var extension = os == "windows" ? "zip" : "tar.gz";
            p["uri"]!.GetValue<string>().ShouldBe($"{{{{BASE_URL}}}}/kubectl-netguard_{{{{VERSION}}}}_{os}_{arch}.{extension}");
            p["sha256"]!.GetValue<string>().ShouldBe($"{{{{SHA256_{os.ToUpperInvariant()}_{arch.ToUpperInvariant()}}}}}");
            p["bin"]!.GetValue<string>().ShouldBe(os == "windows" ? "kubectl-netguard.exe" : "kubectl-netguard");
        }
    }
}
