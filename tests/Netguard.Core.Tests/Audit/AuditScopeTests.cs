using Netguard.Core.Audit;

namespace Netguard.Core.Tests.Audit;

public class AuditScopeTests
{
    [Theory]
    [InlineData("Pod", "shop", "a", true)]
    [InlineData("Pod", "payments", "a", false)]
    [InlineData("Namespace", null, "shop", true)]
    [InlineData("Namespace", null, "payments", false)]
    [InlineData("Node", null, "cp-1", false)]
    [InlineData("NetworkPolicy", "shop", "deny", true)]
    public void Includes_OneNamespace_ItsObjectsAndItselfOnly(string kind, string? ns, string name, bool expected) =>
        new AuditScope("shop").Includes(kind, ns, name).ShouldBe(expected);

    [Fact]
    public void Includes_NoNamespaceOnANamespacedObject_MeansDefault()
    {
        new AuditScope("default").Includes("Pod", null, "a").ShouldBeTrue();
        new AuditScope("default").Includes("Pod", "", "a").ShouldBeTrue();
    }

    [Theory]
    [InlineData("Node", null)]
    [InlineData("Namespace", null)]
    [InlineData("Pod", "anything")]
    public void Includes_AllNamespaces_Everything(string kind, string? ns) =>
        AuditScope.AllNamespaces.Includes(kind, ns, "x").ShouldBeTrue();
}
