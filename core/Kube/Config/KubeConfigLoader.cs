using Netguard.Core.Kube.Errors;

namespace Netguard.Core.Kube.Config;

/// <summary>Finds and reads kubeconfig files the way kubectl does.</summary>
public static class KubeConfigLoader
{
    /// <summary>Reads one file; it must exist.</summary>
    public static KubeConfig LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (FileNotFoundException e)
        {
            throw new KubeConfigException("file not found", full, innerException: e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new KubeConfigException("file not found", full, innerException: e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"cannot read: {e.Message}", full, innerException: e);
        }

        return KubeConfigParser.Parse(text, full);
    }

    /// <summary>Parses kubeconfig text as if it had been read from <paramref name="path"/> (relative paths resolve against its directory).</summary>
    public static KubeConfig Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return KubeConfigParser.Parse(text, path);
    }

    /// <summary>
    /// --kubeconfig if given (must exist); else every existing file of KUBECONFIG merged first-wins
    /// (empty entries, duplicates and missing files skipped); else ~/.kube/config when it exists;
    /// else <see cref="KubeConfig.Empty"/>.
    /// </summary>
    public static KubeConfig Load(KubeConfigSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!string.IsNullOrEmpty(source.ExplicitPath))
        {
            return LoadFile(Path.GetFullPath(source.ExplicitPath, source.CurrentDirectory));
        }

        if (!string.IsNullOrEmpty(source.KubeconfigVariable))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var configs = new List<KubeConfig>();
            foreach (var entry in source.KubeconfigVariable.Split(Path.PathSeparator))
            {
                if (entry.Length == 0)
                {
                    continue;
                }

                var full = Path.GetFullPath(entry, source.CurrentDirectory);
                if (!seen.Add(full) || !File.Exists(full))
                {
                    continue;
                }

                configs.Add(LoadFile(full));
            }

            return KubeConfig.Merge(configs);
        }

        if (!string.IsNullOrEmpty(source.HomeDirectory))
        {
            var home = Path.Combine(source.HomeDirectory, ".kube", "config");
            if (File.Exists(home))
            {
                return LoadFile(home);
            }
        }

        return KubeConfig.Empty;
    }
}
