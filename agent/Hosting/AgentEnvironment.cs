using Microsoft.Extensions.Logging;
using Netguard.Agent.Kernel;
using Netguard.Core.Kube.Client;

namespace Netguard.Agent.Hosting;

/// <summary>The agent's outside world, replaceable in tests: tool launcher, clock, streams, logging, API client.</summary>
public sealed record AgentEnvironment(
    IProcessRunner Runner,
    TimeProvider Time,
    TextWriter Out,
    TextWriter Error,
    ILoggerFactory Logging,
    Func<AgentOptions, IKubeClient> KubeClientFactory);
