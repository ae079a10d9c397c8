using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Netguard.Core.Kube.Models;

// cache-memory POD.json [COPIES]: how many bytes one Pod keeps alive once read, with the full contract (what
// objects that may be written back use) and as a view (what the webhook's informer caches use), measured as the
// managed heap's growth while COPIES reads are held, after full collections.
if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: cache-memory POD.json [COPIES]");
    return 2;
}

var json = File.ReadAllBytes(args[0]);
var copies = args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
Console.WriteLine(FormattableString.Invariant($"pod JSON: {json.Length} bytes, {copies} copies held"));
Report("full contract (KubeJsonContext)", KubeJsonContext.Default.Pod);
Report("view (KubeViewJson)", KubeViewJson.Get<Pod>());
return 0;

void Report(string name, JsonTypeInfo<Pod> contract)
{
    JsonSerializer.Deserialize(json, contract); // metadata caches are built before measuring
    var held = new Pod[copies];
    var before = GC.GetTotalMemory(forceFullCollection: true);
    for (var i = 0; i < copies; i++)
    {
        held[i] = JsonSerializer.Deserialize(json, contract)!;
    }

    var after = GC.GetTotalMemory(forceFullCollection: true);
    GC.KeepAlive(held);
    Console.WriteLine(FormattableString.Invariant($"{name,-34} {(after - before) / copies,7} bytes kept per pod"));
}
