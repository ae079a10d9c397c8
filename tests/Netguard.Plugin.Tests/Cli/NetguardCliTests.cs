namespace Netguard.Plugin.Tests.Cli;

public class NetguardCliTests
{
    [Fact]
    public async Task RunAsync_UnknownCommand_ExitsTwoWithOneLine()
    {
        var result = await CliRunner.RunAsync(["no-such-command"]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.Trim().Split('\n').Length.ShouldBe(1);
        result.Stderr.ShouldStartWith("error: ");
    }

    [Fact]
    public async Task RunAsync_NoArguments_PrintsHelpAndExitsZero()
    {
        var result = await CliRunner.RunAsync([]);

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldContain("--kubeconfig");
    }
}
