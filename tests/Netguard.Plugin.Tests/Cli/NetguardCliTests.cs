namespace Netguard.Plugin.Tests.Cli;

public class NetguardCliTests
{
    [Fact]
    public async Task RunAsync_UnknownCommand_ExitsTwoWithOneLine()
    {
        var result = await CliRunner.RunAsync(["no-such-command"]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe("error: unknown command or argument 'no-such-command' (see --help)\n");
    }

    [Fact]
    public async Task RunAsync_UnknownSubcommand_NamesItRatherThanAMissingCommand()
    {
        var result = await CliRunner.RunAsync(["config", "bogus"]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe("error: unknown command or argument 'bogus' (see --help)\n");
    }

    [Fact]
    public async Task RunAsync_HelpOnAnUnknownCommand_Exit2NamingIt()
    {
        var result = await CliRunner.RunAsync(["help", "bogus"]);

        result.ExitCode.ShouldBe(2);
        result.Stderr.ShouldBe("error: unknown command 'bogus' (see --help)\n");
    }

    [Fact]
    public async Task RunAsync_HelpCommand_IsTheCommandsHelp()
    {
        var help = await CliRunner.RunAsync(["help", "check"]);
        var flag = await CliRunner.RunAsync(["check", "--help"]);

        help.ExitCode.ShouldBe(0);
        help.Stdout.ShouldContain("--show-patch");
        help.Stdout.ShouldBe(flag.Stdout);
    }

    [Fact]
    public async Task RunAsync_NoArguments_PrintsHelpAndExitsZero()
    {
        var result = await CliRunner.RunAsync([]);

        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldContain("--kubeconfig");
    }
}
