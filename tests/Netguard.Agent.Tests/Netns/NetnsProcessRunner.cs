using Netguard.Agent.Kernel;

namespace Netguard.Agent.Tests.Netns;

/// <summary>Runs the agent's tools inside a network namespace (`ip netns exec NS tool …`) and records every launch.</summary>
internal sealed class NetnsProcessRunner(string netns) : IProcessRunner
{
    private readonly ProcessRunner _inner = new();
    private readonly List<Launch> _launches = [];

    public IReadOnlyList<Launch> Launches
    {
        get
        {
            lock (_launches)
            {
                return _launches.ToList();
            }
        }
    }

    /// <summary>Launches that can change the kernel (tc -batch, nft -f, ip link …), as command lines.</summary>
    public IReadOnlyList<string> WriteLaunches => Launches.Where(l => l.IsWrite).Select(l => l.CommandLine).ToList();

    /// <summary>What the writing launches printed on stderr (the kernel's warnings arrive there).</summary>
    public IReadOnlyList<string> WriterErrors => Launches.Where(l => l.IsWrite).Select(l => l.StandardError ?? "").ToList();

    public void Reset()
    {
        lock (_launches)
        {
            _launches.Clear();
        }
    }

    public async Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, string? standardInput, CancellationToken cancellationToken)
    {
        var launch = new Launch(fileName, arguments.ToList(), standardInput);
        lock (_launches)
        {
            _launches.Add(launch);
        }

        var result = await _inner.RunAsync("ip", ["netns", "exec", netns, fileName, .. arguments], standardInput, cancellationToken);
        launch.StandardError = result.StandardError;
        return result;
    }

    internal sealed class Launch(string tool, IReadOnlyList<string> arguments, string? stdin)
    {
        public string Tool { get; } = tool;

        public IReadOnlyList<string> Arguments { get; } = arguments;

        public string? Stdin { get; } = stdin;

        public string? StandardError { get; set; }

        public bool IsWrite => Arguments.Contains("-batch") || Arguments.Contains("-f") || (Tool == "ip" && Arguments.Contains("link"));

        public string CommandLine => Tool + " " + string.Join(' ', Arguments);
    }
}
