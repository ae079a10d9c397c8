using Netguard.Plugin.Cli;

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
return await NetguardCli.RunAsync(args, CliEnvironment.FromProcess(), cts.Token);
