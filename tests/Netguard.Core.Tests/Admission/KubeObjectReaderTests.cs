using System.Text.Json;
using System.Text.Json.Nodes;
using Netguard.Core.Admission;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Tests.Admission;

public class KubeObjectReaderTests
{
    private const string PodJson = """
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"web-1","namespace":"shop","labels":{"app":"web"},"annotations":{"a":"b"},"managedFields":[{"manager":"kubectl"}]},
         "spec":{"containers":[{"name":"c","image":"nginx","env":[{"name":"X","value":"1"}],"ports":[{"containerPort":8080}]}],
                 "volumes":[{"name":"v","emptyDir":{}}],"tolerations":[{"key":"k","operator":"Exists"}],"nodeName":"n1"},
         "status":{"phase":"Pending"}}
        """;

    [Fact]
    public void Read_MembersOutsideTheModel_SkippedAndNamedOnesRead()
    {
        var pod = (Pod)KubeObjectReader.Read("Pod", JsonNode.Parse(PodJson)!);

        pod.Metadata.Name.ShouldBe("web-1");
        pod.Metadata.Labels!["app"].ShouldBe("web");
        pod.Spec!.NodeName.ShouldBe("n1");
        pod.Spec.Tolerations.ShouldHaveSingleItem().Operator.ShouldBe("Exists");
        pod.Spec.Containers.ShouldHaveSingleItem().Ports.ShouldHaveSingleItem().Port.ShouldBe(8080);
        pod.Spec.ExtensionData.ShouldBeNull(); // volumes
        pod.Spec.Containers[0].ExtensionData.ShouldBeNull(); // env
    }

    [Fact]
    public void Read_FromParsedJson_SameAsFromNode()
    {
        using var document = JsonDocument.Parse(PodJson);

        var fromElement = KubeObjectReader.Read("Pod", document.RootElement);
        var fromNode = KubeObjectReader.Read("Pod", JsonNode.Parse(PodJson)!);

        JsonSerializer.Serialize((Pod)fromElement, KubeJsonContext.Default.Pod)
            .ShouldBe(JsonSerializer.Serialize((Pod)fromNode, KubeJsonContext.Default.Pod));
    }

    [Fact]
    public void Read_UnsupportedKind_NotSupported()
    {
        Should.Throw<NotSupportedException>(() => KubeObjectReader.Read("Secret", JsonNode.Parse("{}")!)).Message.ShouldContain("Secret");
    }
}
