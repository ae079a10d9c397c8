using System.Text.Encodings.Web;
using System.Text.Json;
using Netguard.Core.Check;
using Netguard.Core.JsonPatch;
using Netguard.Core.Yaml;

namespace Netguard.Plugin.Commands.Check;

/// <summary>
/// <c>--show-patch</c> for people: each mutated object as a YAML document of the result, headed by comments that
/// name the object and list its JSON Patch one operation per line — so the output stays valid YAML.
/// </summary>
public static class MutationPrinter
{
    /// <summary>Compact JSON without escaping characters that are safe in a terminal or YAML comment.</summary>
    public static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(CheckReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var r in report.Results.Where(r => r.Mutated))
        {
            output.Write("---\n");
            var id = r.Namespace.Length == 0 ? $"{r.Kind} {r.Name}" : $"{r.Kind} {r.Namespace}/{r.Name}";
            output.Write($"# {id} ({r.Origin}): JSON Patch\n");
            foreach (var op in JsonPatchDocument.ToJsonArray(r.Patch))
            {
                output.Write($"#   {op!.ToJsonString(Compact)}\n");
            }

            output.Write(YamlJsonWriter.Write(r.MutatedObject));
        }
    }
}
