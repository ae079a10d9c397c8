using System.Text.Json.Nodes;
using Netguard.Core.Kube.Resources;
using Netguard.Testing.FakeApiServer;

namespace Netguard.Plugin.Tests.Tc;

/// <summary>
/// Nodes as agents leave them (SPEC §6.5), at <see cref="Now"/> = 2026-03-01T12:00:00Z: cp-1 healthy (45 s old),
/// w-1 stale (2 h old), w-2 without an agent, w-3 with a torn annotation, w-4 reporting an error.
/// </summary>
internal static class AgentStatusFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public const string Healthy = """
        {"device":"eth0","linkRate":"10gbit","leafQdisc":"fq_codel","classes":[
          {"name":"control-plane","classid":"6e67:10","rate":"2gbit","ceil":"10gbit","priority":0,"pods":3},
          {"name":"latency-sensitive","classid":"6e67:20","rate":"2gbit","ceil":"10gbit","priority":1,"pods":0},
          {"name":"standard","classid":"6e67:30","rate":"3gbit","ceil":"10gbit","priority":4,"pods":5},
          {"name":"bulk","classid":"6e67:40","rate":"1gbit","ceil":"9gbit","priority":7,"pods":1}],
         "pods":9,"lastReconcile":"2026-03-01T11:59:15Z","error":null}
        """;

    public const string Stale = """
        {"device":"eth1","linkRate":"1gbit","leafQdisc":"pfifo","classes":[
          {"name":"control-plane","classid":"6e67:10","rate":"200mbit","ceil":"1gbit","priority":0,"pods":1},
          {"name":"standard","classid":"6e67:30","rate":"300mbit","ceil":"1gbit","priority":4,"pods":2}],
         "pods":3,"lastReconcile":"2026-03-01T10:00:00Z","error":null}
        """;

    public const string Torn = """{"device":"eth0","linkRate":"1gb""";

    public const string Failing = """
        {"device":"eth0","linkRate":"1gbit","leafQdisc":"fq_codel","classes":[],"pods":0,
         "lastReconcile":"2026-03-01T11:59:50Z","error":"root qdisc on eth0 is mq, not netguard's: refusing to replace it (--force)"}
        """;

    public static JsonObject Node(string name, string? agentStatus)
    {
        var metadata = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["kubernetes.io/hostname"] = name } };
        if (agentStatus is not null)
        {
            metadata["annotations"] = new JsonObject { ["netguard.io/agent-status"] = agentStatus };
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Node", ["metadata"] = metadata };
    }

    public static void AddNodes(FakeKubeApiServer server)
    {
        server.Upsert(KubeResource.Nodes, Node("cp-1", Healthy));
        server.Upsert(KubeResource.Nodes, Node("w-1", Stale));
        server.Upsert(KubeResource.Nodes, Node("w-2", null));
        server.Upsert(KubeResource.Nodes, Node("w-3", Torn));
        server.Upsert(KubeResource.Nodes, Node("w-4", Failing));
    }
}
