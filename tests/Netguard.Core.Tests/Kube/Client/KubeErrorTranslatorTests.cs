using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Errors;

namespace Netguard.Core.Tests.Kube.Client;

public class KubeErrorTranslatorTests
{
    [Fact]
    public void Api_PlainText404_UsesKubectlWording()
    {
        var e = KubeErrorTranslator.Api(404, "404 page not found\n");

        e.Message.ShouldBe("the server could not find the requested resource");
        e.IsNotFound.ShouldBeTrue();
    }

    [Fact]
    public void Api_HtmlFromAProxy_IsNotEchoed()
    {
        var e = KubeErrorTranslator.Api(502, "<html><body>Bad Gateway</body></html>");

        e.Message.ShouldBe("the server is currently unable to handle the request");
    }

    [Fact]
    public void Api_StatusBody_UsesStatusMessageAndReason()
    {
        var e = KubeErrorTranslator.Api(422, """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Pod \"x\" is invalid: spec.containers: Required value","reason":"Invalid","code":422}""");

        e.Message.ShouldBe("Pod \"x\" is invalid: spec.containers: Required value");
        e.Reason.ShouldBe("Invalid");
        e.StatusCode.ShouldBe(422);
    }

    [Theory]
    [InlineData(409, "Conflict", typeof(KubeConflictException))]
    [InlineData(409, "AlreadyExists", typeof(KubeApiException))]
    [InlineData(410, "Expired", typeof(KubeExpiredException))]
    [InlineData(410, "Gone", typeof(KubeExpiredException))]
    public void Api_StatusCodes_MapToTypedExceptions(int code, string reason, Type expected)
    {
        var e = KubeErrorTranslator.Api(code, $$"""{"kind":"Status","reason":"{{reason}}","code":{{code}},"message":"m"}""");

        e.GetType().ShouldBe(expected);
    }

    [Fact]
    public void Api_MultiLineMessage_BecomesOneLine()
    {
        var e = KubeErrorTranslator.Api(500, """{"kind":"Status","message":"first\nsecond","code":500}""");

        e.Message.ShouldBe("first second");
    }
}
