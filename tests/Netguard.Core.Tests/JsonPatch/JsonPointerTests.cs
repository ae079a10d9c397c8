using Netguard.Core.JsonPatch;

namespace Netguard.Core.Tests.JsonPatch;

public class JsonPointerTests
{
    [Fact]
    public void Create_AnnotationKeyWithSlash_EscapesAsTilde1()
    {
        // RFC 6901 §3: "/" is written "~1" and "~" is written "~0".
        JsonPointer.Create("metadata", "annotations", "netguard.io/qos-class")
            .ShouldBe("/metadata/annotations/netguard.io~1qos-class");
        JsonPointer.Create("a~/b").ShouldBe("/a~0~1b");
    }

    [Fact]
    public void Parse_EscapedTokens_RoundTrip()
    {
        JsonPointer.Parse("/a~0~1b/~01").ShouldBe(["a~/b", "~1"]);
        JsonPointer.Parse("").ShouldBeEmpty();
    }

    [Fact]
    public void Parse_NoLeadingSlash_Throws() =>
        Should.Throw<JsonPatchException>(() => JsonPointer.Parse("a/b"));
}
