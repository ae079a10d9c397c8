namespace Netguard.Testing.FakeApiServer;

/// <summary>One request the fake API server received, for assertions.</summary>
public sealed record FakeRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string[]> Headers,
    string Body,
    string? User,
    string? ClientCertificateSubject,
    string? ServerName)
{
    /// <summary>The first value of a header, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var values) && values.Length > 0 ? values[0] : null;

    /// <summary>
    /// All values of a header, one per header line, unsplit: the API server reads "Impersonate-Group: a, b" as one
    /// group named "a, b", so a fake that split on commas would pass a client the real server misreads.
    /// </summary>
    public IReadOnlyList<string> HeaderValues(string name) => Headers.TryGetValue(name, out var values) ? values : [];

    /// <summary>A query parameter (unescaped), or null.</summary>
    public string? QueryValue(string name)
    {
        foreach (var part in Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            if (key == name)
            {
                return eq < 0 ? "" : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }
}
