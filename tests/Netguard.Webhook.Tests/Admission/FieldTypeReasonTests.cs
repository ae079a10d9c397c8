using System.Text.Json;
using Netguard.Core.Admission;
using Netguard.Core.Kube.Models;
using Netguard.Webhook.Admission;

namespace Netguard.Webhook.Tests.Admission;

public sealed class FieldTypeReasonTests
{
    [Theory]
    [InlineData("""{"spec": "x"}""", "spec must be an object")]
    [InlineData("""{"spec": {"containers": [{"name": "a", "ports": [{"containerPort": "80"}]}]}}""", "spec.containers[0].ports[0].containerPort must be an integer")]
    [InlineData("""{"spec": {"containers": [{"name": "a", "ports": [{"hostPort": true}]}]}}""", "spec.containers[0].ports[0].hostPort must be an integer")]
    [InlineData("""{"spec": {"containers": [{"name": 5}]}}""", "spec.containers[0].name must be a string")]
    [InlineData("""{"spec": {"containers": {"name": "a"}}}""", "spec.containers must be a list")]
    [InlineData("""{"spec": {"containers": ["a"]}}""", "spec.containers[0] must be an object")]
    [InlineData("""{"spec": {"hostNetwork": 1}}""", "spec.hostNetwork must be true or false")]
    [InlineData("""{"metadata": {"labels": "app=web"}}""", "metadata.labels must be an object")]
    [InlineData("""{"spec": {"nodeSelector": {"zone": ["a"]}}}""", "spec.nodeSelector.zone must be a string")]
    public void Describe_PodFieldOfTheWrongType_NamesTheFieldAndWhatItMustBe(string pod, string expected)
    {
        var error = Assert.Throws<JsonException>(() => KubeObjectReader.Read("Pod", JsonDocument.Parse(pod).RootElement));

        FieldTypeReason.Describe(error).ShouldBe(expected);
    }

    [Theory]
    [InlineData("""{"port": {}}""")]
    [InlineData("""{"port": true}""")]
    [InlineData("""{"port": 1.5}""")]
    public void Describe_IntOrStringOfTheWrongType_SaysIntegerOrString(string port)
    {
        var policy = """{"spec": {"ingress": [{"ports": [""" + port + "]}]}}";
        var error = Assert.Throws<JsonException>(() => KubeObjectReader.Read("NetworkPolicy", JsonDocument.Parse(policy).RootElement));

        FieldTypeReason.Describe(error).ShouldBe("spec.ingress[0].ports[0].port must be an integer or a string");
    }

    [Theory]
    [InlineData("\"alice\"", "request.userInfo must be an object")]
    [InlineData("""{"groups": "admins"}""", "request.userInfo.groups must be a list")]
    [InlineData("""{"groups": [1]}""", "request.userInfo.groups[0] must be a string")]
    [InlineData("""{"extra": {"scopes": "read"}}""", "request.userInfo.extra.scopes must be a list")]
    public void Describe_UserInfoUnderAValueName_PrefixesTheValue(string user, string expected)
    {
        var error = Assert.Throws<JsonException>(() => JsonDocument.Parse(user).RootElement.Deserialize(KubeJsonContext.Default.UserInfo));

        FieldTypeReason.Describe(error, "request.userInfo").ShouldBe(expected);
    }

    [Fact]
    public void Describe_IndexRightUnderTheValue_JoinsWithoutADot()
    {
        var error = new JsonException("The JSON value could not be converted to System.String. Path: $[2] | LineNumber: 0 | BytePositionInLine: 9.", "$[2]", 0, 9);

        FieldTypeReason.Describe(error, "request.items").ShouldBe("request.items[2] must be a string");
    }

    [Fact]
    public void Describe_TheValueItselfWithNoName_SaysIt()
    {
        var error = new JsonException("The JSON value could not be converted to Netguard.Core.Kube.Models.Pod. Path: $ | LineNumber: 0 | BytePositionInLine: 1.", "$", 0, 1);

        FieldTypeReason.Describe(error).ShouldBe("it must be an object");
    }

    [Theory]
    [InlineData("The JSON value could not be converted to System.DateTime. Path: $.spec.when | LineNumber: 0 | BytePositionInLine: 20.")]
    [InlineData("The maximum configured depth of 64 has been exceeded. Path: $.spec.when")]
    [InlineData("expected , got Number")]
    public void Describe_AnyOtherSerializerMessage_SaysWrongTypeWithoutEchoingIt(string message)
    {
        var error = new JsonException(message, "$.spec.when", 0, 20);

        FieldTypeReason.Describe(error).ShouldBe("spec.when has the wrong type");
    }
}
