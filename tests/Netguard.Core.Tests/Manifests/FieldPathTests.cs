using Netguard.Core.Manifests;

namespace Netguard.Core.Tests.Manifests;

public class FieldPathTests
{
    [Theory]
    [InlineData("$.spec.tolerations", "/spec/tolerations")]
    [InlineData("$.spec.containers[0].ports[1]", "/spec/containers/0/ports/1")]
    [InlineData("$.metadata.labels['app.kubernetes.io/name']", "/metadata/labels/app.kubernetes.io~1name")]
    [InlineData("$", "")]
    [InlineData(null, "")]
    public void FromJsonPath_StjPath_JsonPointer(string? path, string pointer)
    {
        FieldPath.FromJsonPath(path).ShouldBe(pointer);
    }

    [Theory]
    [InlineData("spec.ingress[0].from[1].ipBlock.cidr", "/spec/ingress/0/from/1/ipBlock/cidr")]
    [InlineData("spec.podSelector", "/spec/podSelector")]
    public void FromJsonPath_PathWithoutRoot_JsonPointer(string path, string pointer)
    {
        FieldPath.FromJsonPath(path).ShouldBe(pointer);
    }
}
