using System.Text;

namespace Netguard.Core.Kube.Client;

/// <summary>Builds "?a=1&amp;b=2", skipping null values and escaping the rest.</summary>
internal sealed class QueryBuilder
{
    private readonly StringBuilder _text = new();

    public QueryBuilder Add(string name, string? value)
    {
        if (value is null)
        {
            return this;
        }

        _text.Append(_text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public override string ToString() => _text.ToString();
}
