using System.Text.Json;
using Netguard.Core.Kube.Models;
using Netguard.Core.Kube.Resources;

namespace Netguard.Core.Tests.Kube;

public class KubeViewResourceTypesTests
{
    private const string PodList = """
        {"apiVersion":"v1","kind":"PodList","metadata":{"resourceVersion":"42","continue":"next"},
         "items":[{"metadata":{"name":"web-1","namespace":"shop","labels":{"app":"web"},
                               "managedFields":[{"manager":"kubelet","fieldsV1":{"f:status":{}}}]},
                   "spec":{"nodeName":"worker-1","volumes":[{"name":"v","emptyDir":{}}],
                           "containers":[{"name":"c","image":"nginx","env":[{"name":"A","value":"1"}],"ports":[{"name":"http","containerPort":8080}]}]},
                   "status":{"phase":"Running","podIP":"10.0.0.5","conditions":[{"type":"Ready","status":"True"}]}}]}
        """;

    [Fact]
    public void PodsList_MembersOutsideTheModel_NotKeptNamedOnesRead()
    {
        var list = JsonSerializer.Deserialize(PodList, KubeViewResourceTypes.Pods.List)!;

        list.Metadata!.ResourceVersion.ShouldBe("42");
        list.Metadata.Continue.ShouldBe("next");
        var pod = list.Items.ShouldHaveSingleItem();
        pod.Metadata.Labels!["app"].ShouldBe("web");
        pod.Spec!.NodeName.ShouldBe("worker-1");
        pod.Spec.Containers.ShouldHaveSingleItem().Ports.ShouldHaveSingleItem().Port.ShouldBe(8080);
        pod.Status!.PodIP.ShouldBe("10.0.0.5");
        (pod.Metadata.ExtensionData, pod.Spec.ExtensionData, pod.Spec.Containers[0].ExtensionData, pod.Status.ExtensionData)
            .ShouldBe((null, null, null, null)); // managedFields, volumes, env, conditions
    }

    [Fact]
    public void PodsList_FullContract_KeepsThem()
    {
        // The contrast: objects that may be written back keep what the model does not name.
        var pod = JsonSerializer.Deserialize(PodList, KubeResourceTypes.Pods.List)!.Items.Single();

        pod.Metadata.ExtensionData!.Keys.ShouldBe(["managedFields"]);
        pod.Spec!.ExtensionData!.Keys.ShouldBe(["volumes"]);
    }
}
