using Netguard.Core.Kube.Models;
using Netguard.Core.Selectors;

namespace Netguard.Core.Tests.Selectors;

public class LabelSelectorMatcherTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web", ["tier"] = "front" };

    private static LabelSelector Expr(string key, string op, params string[] values) =>
        new() { MatchExpressions = [new() { Key = key, Operator = op, Values = values.Length == 0 ? null : [.. values] }] };

    [Fact]
    public void Matches_EmptySelector_MatchesEverythingIncludingNoLabels()
    {
        LabelSelectorMatcher.Matches(new LabelSelector(), Web).ShouldBeTrue();
        LabelSelectorMatcher.Matches(new LabelSelector(), null).ShouldBeTrue();
    }

    [Fact]
    public void Matches_MatchLabelsAndExpressions_AreAnded()
    {
        var sel = new LabelSelector
        {
            MatchLabels = new() { ["app"] = "web" },
            MatchExpressions = [new() { Key = "tier", Operator = "In", Values = ["back"] }],
        };

        LabelSelectorMatcher.Matches(sel, Web).ShouldBeFalse();
    }

    [Theory]
    [InlineData("In", "tier", true, "front", "back")]
    [InlineData("In", "zone", false, "a")]
    [InlineData("NotIn", "tier", false, "front")]
    [InlineData("NotIn", "zone", true, "a")] // a missing key satisfies NotIn
    [InlineData("Exists", "app", true)]
    [InlineData("Exists", "zone", false)]
    [InlineData("DoesNotExist", "zone", true)] // and DoesNotExist
    [InlineData("DoesNotExist", "app", false)]
    public void Matches_Operator_FollowsKubernetesSemantics(string op, string key, bool expected, params string[] values) =>
        LabelSelectorMatcher.Matches(Expr(key, op, values), Web).ShouldBe(expected);

    [Fact]
    public void Validate_InWithoutValues_IsAnError() =>
        LabelSelectorMatcher.Validate(Expr("app", "In")).ShouldNotBeNull();
}
