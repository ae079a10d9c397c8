using System.Globalization;
using System.Text.RegularExpressions;
using Netguard.Core.Qos;

namespace Netguard.Agent.Kernel;

/// <summary>
/// Parses `tc [-s] -d class show dev D` text. iproute2 6.1 prints classes as text even with -j (SPEC §10),
/// one header line per class ("class htb 6e67:10 parent 6e67:1 leaf 8001: prio 0 quantum 1514 rate …")
/// followed, with -s, by indented statistics lines.
/// </summary>
public static partial class TcClassTextParser
{
    private static readonly HashSet<string> ValueKeys = new(StringComparer.Ordinal)
    {
        "parent", "leaf", "prio", "quantum", "rate", "ceil", "burst", "cburst", "level", "linklayer", "mpu", "overhead", "mtu",
    };

    public static IReadOnlyList<TcClass> Parse(string text)
    {
        var result = new List<TcClass>();
        TcClass? current = null;
        foreach (var raw in (text ?? "").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.StartsWith("class ", StringComparison.Ordinal))
            {
                Flush();
                current = ParseHeader(line);
                continue;
            }

            if (current is null)
            {
                continue;
            }

            var sent = SentLine().Match(line);
            if (sent.Success)
            {
                current = current with
                {
                    Stats = new TcClassStats(Long(sent, 1), Long(sent, 2), Long(sent, 3), Long(sent, 4), 0, 0),
                };
                continue;
            }

            var backlog = BacklogLine().Match(line);
            if (backlog.Success && current.Stats is { } stats)
            {
                var unit = backlog.Groups[2].Value switch { "Kb" => 1024, "Mb" => 1024 * 1024, _ => 1 };
                current = current with { Stats = stats with { BacklogBytes = (long)(double.Parse(backlog.Groups[1].ValueSpan, CultureInfo.InvariantCulture) * unit), BacklogPackets = Long(backlog, 3) } };
            }
        }

        Flush();
        return result;

        void Flush()
        {
            if (current is not null)
            {
                result.Add(current);
                current = null;
            }
        }
    }

    private static TcClass? ParseHeader(string line)
    {
        var tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length < 3 || !TcHandle.TryParse(tokens[2], out var classId))
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var isRoot = false;
        for (var i = 3; i < tokens.Length; i++)
        {
            if (tokens[i] == "root")
            {
                isRoot = true;
            }
            else if (ValueKeys.Contains(tokens[i]) && i + 1 < tokens.Length)
            {
                values.TryAdd(tokens[i], tokens[i + 1]);
                i++;
            }
        }

        // A class directly under the qdisc prints "root"; its parent is the qdisc itself (major:0).
        var parent = isRoot ? new TcHandle(classId.Major, 0) : Handle(values, "parent") ?? new TcHandle(classId.Major, 0);
        return new TcClass(tokens[1], classId, parent, Handle(values, "leaf"), Int(values, "prio"), Int(values, "quantum"),
            values.GetValueOrDefault("rate"), values.GetValueOrDefault("ceil"), Int(values, "level"), null);
    }

    private static TcHandle? Handle(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var v) && TcHandle.TryParse(v, out var h) ? h : null;

    private static int? Int(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static long Long(Match m, int group) => long.Parse(m.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*Sent (\d+) bytes (\d+) pkt \(dropped (\d+), overlimits (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex SentLine();

    [GeneratedRegex(@"^\s*backlog ([\d.]+)(b|Kb|Mb) (\d+)p", RegexOptions.CultureInvariant)]
    private static partial Regex BacklogLine();
}
