using Netguard.Core.Manifests;

namespace Netguard.Core.Tests.Manifests;

public sealed class ManifestReaderPathTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("netguard-manifests-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Obj(string kind, string name) => $"apiVersion: v1\nkind: {kind}\nmetadata:\n  name: {name}\n";

    [Fact]
    public void ReadPaths_Directory_WalksRecursivelyInOrdinalOrderAndSkipsNonManifests()
    {
        Write("b.yaml", Obj("Pod", "b"));
        Write("a.yml", Obj("Pod", "a"));
        Write("sub/c.json", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"c\"}}");
        Write("sub/deeper/d.YAML", Obj("Pod", "d"));
        Write("README.md", "# not a manifest");
        Write("kustomization.yaml", "resources: [a.yml]\n");
        Write(".github/workflows/ci.yml", "on: push\n");
        Write(".hidden.yaml", Obj("Pod", "hidden"));

        var objects = ManifestReader.ReadPaths([_root]);

        objects.Select(o => o.Name).ShouldBe(["a", "b", "c", "d"]);
        objects[0].Source.File.ShouldBe(Path.Combine(_root, "a.yml"));
    }

    [Fact]
    public void ReadPaths_RelativePaths_ResolveAgainstBaseDirectoryAndKeepTheirSpelling()
    {
        Write("manifests/app/web.yaml", Obj("Pod", "web"));
        Write("single.yaml", Obj("Pod", "single"));

        var objects = ManifestReader.ReadPaths(["manifests", "single.yaml"], baseDirectory: _root);

        objects.Select(o => o.Source.File).ShouldBe(["manifests/app/web.yaml", "single.yaml"]);
    }

    [Fact]
    public void ReadPaths_ExplicitFile_IsReadWhateverItsExtension()
    {
        var file = Write("objects.txt", Obj("Node", "n1"));

        ManifestReader.ReadPaths([file]).Single().Kind.ShouldBe("Node");
    }

    [Fact]
    public void ReadPaths_FilesAndStdin_KeepArgumentOrder()
    {
        var file = Write("x.yaml", Obj("Pod", "from-file"));

        var objects = ManifestReader.ReadPaths([file, "-", "-"], new StringReader(Obj("Pod", "from-stdin")));

        objects.Select(o => o.Name).ShouldBe(["from-file", "from-stdin"]); // stdin is read once
        objects[1].Source.File.ShouldBe("<stdin>");
    }

    [Fact]
    public void ReadPaths_StdinWithoutReader_Throws() =>
        Should.Throw<ManifestException>(() => ManifestReader.ReadPaths(["-"])).Message.ShouldBe("-: standard input is not available");

    [Fact]
    public void ReadPaths_MissingPath_OneLineError()
    {
        var missing = Path.Combine(_root, "nope.yaml");

        Should.Throw<ManifestException>(() => ManifestReader.ReadPaths([missing])).Message.ShouldBe($"{missing}: no such file or directory");
    }

    [Fact]
    public void ReadPaths_MalformedFileInDirectory_NamesTheFile()
    {
        Write("good.yaml", Obj("Pod", "a"));
        var bad = Write("zz/bad.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n");

        var e = Should.Throw<ManifestException>(() => ManifestReader.ReadPaths([_root]));

        e.Message.ShouldStartWith(bad + ":");
    }

    [Fact]
    public void ReadPaths_SymlinkLoop_IsWalkedOnce()
    {
        Write("d/a.yaml", Obj("Pod", "a"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "d", "loop"), Path.Combine(_root, "d"));

        ManifestReader.ReadPaths([Path.Combine(_root, "d")]).Select(o => o.Name).ShouldBe(["a"]);
    }
}
