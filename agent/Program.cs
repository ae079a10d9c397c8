using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Netguard.Agent.Cli;
using Netguard.Agent.Hosting;
using Netguard.Agent.Kernel;
using Netguard.Core.Kube.Client;
using Netguard.Core.Kube.Config;

// netguard-agent: logs go to stderr so that stdout carries only what was asked for (the --dry-run plan).
using var logging = LoggerFactory.Create(b =>
{
    b.AddSimpleConsole(o =>
    {
        o.SingleLine = true;
        o.UseUtcTimestamp = true;
        o.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ ";
    });
    b.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
});

var env = new AgentEnvironment(
    new ProcessRunner(),
    TimeProvider.System,
    Console.Out,
    Console.Error,
    logging,
    options => new KubeClient(options.Kubeconfig is { } path
        ? KubeClientOptions.FromKubeConfig(KubeConfigSource.FromEnvironment(path))
        : KubeClientOptions.InCluster()));

return await new AgentCommandLine(env).InvokeAsync(args, CancellationToken.None);
