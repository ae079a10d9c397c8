using System.Text.Json;
using Netguard.Core.Kube.Models;
using Netguard.Core.Manifests;

namespace Netguard.Agent.Pods;

/// <summary>Reads a --pods-file: YAML or JSON Pod objects (multi-document, or a List/PodList), as `kubectl get pods -o yaml` prints them.</summary>
public static class PodsFile
{
    /// <exception cref="ManifestException">One line naming the file and line of the problem.</exception>
    public static IReadOnlyList<Pod> Parse(string text, string source)
    {
        var pods = new List<Pod>();
        foreach (var manifest in ManifestReader.ReadText(text, source))
        {
            if (manifest.Kind != "Pod")
            {
                throw new ManifestException($"{manifest.Source}: {manifest.Kind} {manifest.Name} is not a Pod (a pods file holds Pod objects only)");
            }

            try
            {
                pods.Add(manifest.Object.Deserialize(KubeJsonContext.Default.Pod)!);
            }
            catch (JsonException e)
            {
                throw new ManifestException($"{manifest.Source}: Pod {manifest.Name} does not match the Pod schema: {e.Message}", e);
            }
        }

        return pods;
    }
}
