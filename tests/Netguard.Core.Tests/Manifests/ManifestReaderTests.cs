using Netguard.Core.Manifests;

namespace Netguard.Core.Tests.Manifests;

public class ManifestReaderTests
{
    [Fact]
    public void ReadText_MultiDocument_SkipsEmptyDocumentsAndKeepsSources()
    {
        const string yaml = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            ---
            # nothing but a comment
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              namespace: shop
            ---
            """;

        var objects = ManifestReader.ReadText(yaml, "app.yaml");

        objects.Count.ShouldBe(2);
        objects[0].Kind.ShouldBe("Namespace");
        objects[0].Name.ShouldBe("shop");
        objects[0].Namespace.ShouldBeNull();
        objects[0].Source.ShouldBe(new ManifestSource("app.yaml", 1, 1));
        objects[1].ToString().ShouldBe("Pod shop/web");
        objects[1].ApiVersion.ShouldBe("v1");
        objects[1].Group.ShouldBe("");
        objects[1].Source.ShouldBe(new ManifestSource("app.yaml", 8, 3)); // document 3 starts on line 8
        objects[1].Source.ToString().ShouldBe("app.yaml:8");
    }

    [Fact]
    public void ReadText_List_ExpandsItemsWithTheirLines()
    {
        const string yaml = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Pod
              metadata: {name: a}
            - apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata: {name: deny, namespace: shop}
            - apiVersion: v1
              kind: List
              items:
              - apiVersion: v1
                kind: Node
                metadata: {name: cp-1}
            """;

        var objects = ManifestReader.ReadText(yaml, "list.yaml");

        objects.Select(o => o.ToString()).ShouldBe(["Pod a", "NetworkPolicy shop/deny", "Node cp-1"]);
        objects.Select(o => o.Source.Line).ShouldBe([4, 7, 13]);
        objects[1].Group.ShouldBe("networking.k8s.io");
        objects[0].Object.Parent.ShouldBeNull(); // detached from the list, usable on its own
    }

    [Fact]
    public void ReadText_TypedListFromApi_ItemsInheritKindAndApiVersion()
    {
        const string yaml = """
            apiVersion: v1
            kind: PodList
            metadata: {resourceVersion: "10"}
            items:
            - metadata: {name: a, namespace: default}
            - metadata: {name: b, namespace: default}
            """;

        var objects = ManifestReader.ReadText(yaml, "pods.yaml");

        objects.Select(o => (o.ApiVersion, o.Kind, o.Name)).ShouldBe([("v1", "Pod", "a"), ("v1", "Pod", "b")]);
    }

    [Fact]
    public void ReadText_EmptyList_HasNoObjects() =>
        ManifestReader.ReadText("apiVersion: v1\nkind: List\nitems: []\n---\napiVersion: v1\nkind: List\n", "l.yaml").ShouldBeEmpty();

    [Fact]
    public void ReadText_ListItemWithoutKind_NamesItemAndLine()
    {
        const string yaml = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n- apiVersion: v1\n  metadata: {name: b}\n";

        var e = Should.Throw<ManifestException>(() => ManifestReader.ReadText(yaml, "l.yaml"));

        e.Message.ShouldBe("l.yaml:7: document 1 List.items[1] (name \"b\"): object has no \"kind\" (want non-empty strings)");
    }

    [Fact]
    public void ReadText_ObjectWithoutKind_NamesFileLineAndDocument()
    {
        const string yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: ok}\n---\napiVersion: v1\nmetadata:\n  name: web\n";

        var e = Should.Throw<ManifestException>(() => ManifestReader.ReadText(yaml, "manifests/x.yaml"));

        e.Message.ShouldBe("manifests/x.yaml:5: document 2 (name \"web\"): object has no \"kind\" (want non-empty strings)");
    }

    [Theory]
    [InlineData("kind: Pod\n", "\"apiVersion\"")]
    [InlineData("metadata: {}\n", "\"apiVersion\" and \"kind\"")]
    [InlineData("apiVersion: v1\nkind: \"\"\n", "\"kind\"")]
    [InlineData("apiVersion: 1\nkind: Pod\n", "\"apiVersion\"")] // a number is not an apiVersion
    public void ReadText_MissingOrBadTypeFields_AreNamed(string yaml, string missing) =>
        Should.Throw<ManifestException>(() => ManifestReader.ReadText(yaml, "x.yaml"))
            .Message.ShouldBe($"x.yaml:1: document 1: object has no {missing} (want non-empty strings)");

    [Theory]
    [InlineData("- a\n- b\n", "a list")]
    [InlineData("just text\n", "a string")]
    [InlineData("42\n", "a number")]
    public void ReadText_NonObjectDocument_Throws(string yaml, string found) =>
        Should.Throw<ManifestException>(() => ManifestReader.ReadText(yaml, "x.yaml"))
            .Message.ShouldBe($"x.yaml:1: document 1: expected a Kubernetes object (a mapping), found {found}");

    [Fact]
    public void ReadText_MalformedYaml_OneLineWithFileAndLine()
    {
        const string yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web\nspec: {}\n";

        var e = Should.Throw<ManifestException>(() => ManifestReader.ReadText(yaml, "manifests/x.yaml"));

        e.Message.ShouldStartWith("manifests/x.yaml:");
        e.Message.ShouldNotContain("\n");
        int.Parse(e.Message.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(5, 6); // the unclosed flow mapping
    }

    [Fact]
    public void ReadText_DuplicateKey_IsAnError() =>
        Should.Throw<ManifestException>(() => ManifestReader.ReadText("apiVersion: v1\nkind: Pod\nkind: Node\n", "d.yaml"))
            .Message.ShouldBe("d.yaml:3: key \"kind\" is already defined at line 2");

    [Fact]
    public void ReadText_JsonFile_ReadsConcatenatedValuesWithLines()
    {
        const string json = "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"a\"}}\n\n{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Node\",\n  \"metadata\": {\"name\": \"n\"}\n}\n";

        var objects = ManifestReader.ReadText(json, "objs.json");

        objects.Select(o => (o.Kind, o.Source.Line, o.Source.Document)).ShouldBe([("Pod", 1, 1), ("Node", 3, 2)]);
    }

    [Fact]
    public void ReadText_MalformedJson_NamesLine()
    {
        const string json = "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\"\n  \"metadata\": {}\n}\n";

        var e = Should.Throw<ManifestException>(() => ManifestReader.ReadText(json, "bad.json"));

        e.Message.ShouldStartWith("bad.json:4: "); // the missing comma is noticed at line 4
        e.Message.ShouldNotContain("\n");
    }

    [Fact]
    public void ReadText_JsonDuplicateKey_IsAnError() =>
        Should.Throw<ManifestException>(() => ManifestReader.ReadText("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"kind\":\"Node\"}", "d.json"))
            .Message.ShouldStartWith("d.json:1: ");

    [Fact]
    public void ReadText_YamlFlowMappingInYamlFile_FallsBackFromJson()
    {
        var objects = ManifestReader.ReadText("{apiVersion: v1, kind: Pod, metadata: {name: a}}\n", "flow.yaml");

        objects.Single().Name.ShouldBe("a");
    }

    [Fact]
    public void LineOf_FieldPointer_FindsLineOrNearestAncestor()
    {
        const string yaml = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: a\n  spec:\n    containers:\n    - name: c\n      image: nginx\n";

        var pod = ManifestReader.ReadText(yaml, "l.yaml").Single();

        pod.LineOf("/spec/containers/0/image").ShouldBe(11);
        pod.LineOf("/spec/containers/0/ports").ShouldBe(10); // absent: the container's line
        pod.LineOf("").ShouldBe(4);
    }
}
