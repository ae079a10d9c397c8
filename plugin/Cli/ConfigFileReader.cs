using Netguard.Core.Config;

namespace Netguard.Plugin.Cli;

/// <summary>Loads a config file named on the command line ("-" is standard input); unreadable files are input errors (exit 2).</summary>
internal static class ConfigFileReader
{
    public static ConfigLoadResult Load(CliContext context, string file)
    {
        if (file == "-")
        {
            return NetguardConfigLoader.Load(context.Environment.In.ReadToEnd(), "<stdin>");
        }

        string text;
        try
        {
            text = File.ReadAllText(Path.GetFullPath(file, context.Environment.CurrentDirectory));
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

        return NetguardConfigLoader.Load(text, file);
    }
}
