using Netguard.Core.Config;

namespace Netguard.Plugin.Cli;

/// <summary>Loads a config file named on the command line ("-" is standard input); unreadable files are input errors (exit 2).</summary>
internal static class ConfigFileReader
{
    public static ConfigLoadResult Load(CliContext context, string file) => NetguardConfigLoader.Load(ReadText(context, file), SourceName(file));

    /// <summary>The file's text, for callers that keep it as well as loading it (install puts it in a ConfigMap).</summary>
    public static string ReadText(CliContext context, string file)
    {
        if (file == "-")
        {
            return context.Environment.In.ReadToEnd();
        }

        if (file.Length == 0)
        {
            throw CliException.Input("the config file name is empty");
        }

        var full = Path.GetFullPath(file, context.Environment.CurrentDirectory);
        if (Directory.Exists(full))
        {
            throw CliException.Input($"{file}: is a directory, not a config file");
        }

        try
        {
            return File.ReadAllText(full);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw CliException.Input($"{file}: no such file or directory");
        }
        catch (UnauthorizedAccessException)
        {
            throw CliException.Input($"{file}: permission denied");
        }
        catch (IOException e)
        {
            throw CliException.Input($"{file}: {e.Message}");
        }
    }

    /// <summary>What config problems name the file by.</summary>
    public static string SourceName(string file) => file == "-" ? "<stdin>" : file;
}
