namespace Netguard.Plugin.Cli;

/// <summary>-o/--output values. Not every command supports every format.</summary>
public enum OutputFormat
{
    Table,
    Wide,
    Json,
    Yaml,
    PolicyReport,
}
