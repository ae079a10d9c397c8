using System.Text.Json.Serialization.Metadata;
using Netguard.Core.Kube.Models;

namespace Netguard.Core.Kube.Resources;

/// <summary>
/// A resource together with the source-generated JSON contracts of its object and list, so client
/// calls are typed and trimming-safe. Predefined in <see cref="KubeResourceTypes"/>; <see cref="KubeResourceTypes.Raw"/>
/// gives a JsonObject view of any resource.
/// </summary>
public sealed class KubeResourceType<T>
    where T : class
{
    public KubeResourceType(KubeResource resource, JsonTypeInfo<T> item, JsonTypeInfo<KubeList<T>> list)
    {
        Resource = resource ?? throw new ArgumentNullException(nameof(resource));
        Item = item ?? throw new ArgumentNullException(nameof(item));
        List = list ?? throw new ArgumentNullException(nameof(list));
    }

    public KubeResource Resource { get; }

    public JsonTypeInfo<T> Item { get; }

    public JsonTypeInfo<KubeList<T>> List { get; }

    public override string ToString() => Resource.Plural;
}
