using Netguard.Core.Kube.Models;
using Netguard.Plugin.Commands.Tc;

namespace Netguard.Plugin.Tests.Tc;

public sealed class NodeAgentReaderTests
{
    private static readonly DateTimeOffset Now = AgentStatusFixtures.Now;

    [Fact]
    public void Read_NoAnnotation_Missing()
    {
        var report = NodeAgentReader.Read(Node(null), Now, NodeAgentReader.DefaultStaleAfter);

        report.State.ShouldBe(AgentState.Missing);
        report.Status.ShouldBeNull();
    }

    [Fact]
    public void Read_Healthy_OkWithAge()
    {
        var report = NodeAgentReader.Read(Node(AgentStatusFixtures.Healthy), Now, NodeAgentReader.DefaultStaleAfter);

        report.State.ShouldBe(AgentState.Ok);
        report.Problem.ShouldBeNull();
        report.Age.ShouldBe(TimeSpan.FromSeconds(45));
        report.Status!.Classes.Count.ShouldBe(4);
    }

    [Theory]
    [InlineData("""{"device": 5}""", "device: value of the wrong type")]
    [InlineData("""{"classes": {"name": "x"}}""", "classes: value of the wrong type")]
    [InlineData("""{"pods": "many"}""", "pods: value of the wrong type")]
    [InlineData("[1, 2]", "want a JSON object")]
    [InlineData("null", "want a JSON object, got null")]
    [InlineData("""{"classes": [null], "lastReconcile": "2026-03-01T11:59:15Z"}""", "classes: null entry")]
    [InlineData("""{"lastReconcile": "yesterday"}""", "lastReconcile: \"yesterday\" is not an RFC 3339 time")]
    public void Read_Malformed_ErrorNamingTheField(string annotation, string reason)
    {
        var report = NodeAgentReader.Read(Node(annotation), Now, NodeAgentReader.DefaultStaleAfter);

        report.State.ShouldBe(AgentState.Error);
        report.Status.ShouldBeNull();
        report.Problem.ShouldBe($"annotation netguard.io/agent-status is malformed: {reason}");
    }

    [Fact]
    public void Read_NotJson_ErrorWithPosition()
    {
        var report = NodeAgentReader.Read(Node("device=eth0"), Now, NodeAgentReader.DefaultStaleAfter);

        report.State.ShouldBe(AgentState.Error);
        report.Problem!.ShouldStartWith("annotation netguard.io/agent-status is malformed: not valid JSON (line 1, column ");
    }

    [Fact]
    public void Read_NoLastReconcile_Error()
    {
        var report = NodeAgentReader.Read(Node("""{"device":"eth0","classes":[],"pods":0}"""), Now, NodeAgentReader.DefaultStaleAfter);

        report.State.ShouldBe(AgentState.Error);
        report.Problem.ShouldBe("the status has no lastReconcile");
    }

    [Fact]
    public void Read_FractionalSecondsAndOffset_Parsed()
    {
        var report = NodeAgentReader.Read(Node("""{"lastReconcile":"2026-03-01T13:59:00.5+02:00"}"""), Now, NodeAgentReader.DefaultStaleAfter);

        report.State.ShouldBe(AgentState.Ok);
        report.Age.ShouldBe(TimeSpan.FromSeconds(59.5));
    }

    [Fact]
    public void Read_ExactlyAtThreshold_NotStale_OneSecondMore_Stale()
    {
        var node = Node("""{"lastReconcile":"2026-03-01T11:45:00Z"}""");

        NodeAgentReader.Read(node, Now, TimeSpan.FromMinutes(15)).State.ShouldBe(AgentState.Ok);
        NodeAgentReader.Read(node, Now.AddSeconds(1), TimeSpan.FromMinutes(15)).State.ShouldBe(AgentState.Stale);
    }

    [Fact]
    public void Read_ErrorAndStale_ErrorWins()
    {
        var report = NodeAgentReader.Read(Node("""{"lastReconcile":"2026-03-01T08:00:00Z","error":"nft: command not found"}"""), Now, NodeAgentReader.DefaultStaleAfter);

        report.State.ShouldBe(AgentState.Error);
        report.Problem.ShouldBe("nft: command not found");
    }

    private static Node Node(string? annotation) => new()
    {
        Metadata = new ObjectMeta
        {
            Name = "n",
            Annotations = annotation is null ? null : new Dictionary<string, string> { ["netguard.io/agent-status"] = annotation },
        },
    };
}
