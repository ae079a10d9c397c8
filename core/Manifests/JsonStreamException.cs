namespace Netguard.Core.Manifests;

/// <summary>Malformed JSON in a manifest, with the 1-based line of the problem.</summary>
internal sealed class JsonStreamException(int line, string reason, Exception? inner) : Exception($"line {line}: {reason}", inner)
{
    public int Line { get; } = line;

    public string Reason { get; } = reason;
}
