namespace Netguard.Core.Manifests;

/// <summary>Where an object was read: the file as the user named it (or <c>&lt;stdin&gt;</c>), its line, and its document.</summary>
/// <param name="File">The path as given (directory entries are joined to the directory as given).</param>
/// <param name="Line">1-based line where the object starts (for a List item, where the item starts).</param>
/// <param name="Document">1-based number of the YAML document (or JSON value) in the file.</param>
public readonly record struct ManifestSource(string File, int Line, int Document)
{
    /// <summary>The name used for standard input.</summary>
    public const string StdinName = "<stdin>";

    /// <summary><c>file:line</c>, the prefix of every message about this object.</summary>
    public override string ToString() => $"{File}:{Line}";
}
