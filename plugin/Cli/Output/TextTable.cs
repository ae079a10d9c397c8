namespace Netguard.Plugin.Cli.Output;

/// <summary>
/// A kubectl-style table: upper-case headers, columns padded to their widest cell plus <see cref="Gap"/> spaces
/// (kubectl's three by default), the last column unpadded, no trailing spaces, every line optionally indented by
/// <see cref="Indent"/> spaces. Colour wraps a cell's text after padding, so escape codes never break the alignment.
/// </summary>
public sealed class TextTable
{
    private readonly string[] _headers;
    private readonly List<(string[] Cells, string?[] Colors)> _rows = [];

    public TextTable(params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _headers = headers.Select(h => h.ToUpperInvariant()).ToArray();
    }

    public int RowCount => _rows.Count;

    /// <summary>Spaces between columns.</summary>
    public int Gap { get; init; } = 3;

    /// <summary>Spaces before every line, for a table nested under a heading.</summary>
    public int Indent { get; init; }

    /// <summary>Adds a row; <paramref name="colors"/> holds an ANSI SGR code (e.g. "31") per cell, or null.</summary>
    public void Add(string[] cells, string?[]? colors = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"row has {cells.Length} cells, table has {_headers.Length} columns", nameof(cells));
        }

        _rows.Add((cells, colors ?? new string?[cells.Length]));
    }

    public void Write(TextWriter output, bool useColor)
    {
        ArgumentNullException.ThrowIfNull(output);
        var widths = new int[_headers.Length];
        foreach (var cells in _rows.Select(r => r.Cells).Prepend(_headers))
        {
            for (var i = 0; i < cells.Length; i++)
            {
                widths[i] = Math.Max(widths[i], cells[i].Length);
            }
        }

        WriteRow(output, _headers, new string?[_headers.Length], widths, useColor: false);
        foreach (var (cells, colors) in _rows)
        {
            WriteRow(output, cells, colors, widths, useColor);
        }
    }

    private void WriteRow(TextWriter output, string[] cells, string?[] colors, int[] widths, bool useColor)
    {
        var line = new System.Text.StringBuilder().Append(' ', Indent);
        for (var i = 0; i < cells.Length; i++)
        {
            var last = i == cells.Length - 1;
            var text = last ? cells[i] : cells[i].PadRight(widths[i]);
            if (useColor && colors[i] is { } code && cells[i].Length > 0)
            {
                line.Append(AnsiColor.Paint(cells[i], code, useColor: true)).Append(text.AsSpan(cells[i].Length));
            }
            else
            {
                line.Append(text);
            }

            if (!last)
            {
                line.Append(' ', Gap);
            }
        }

        output.Write(line.ToString().TrimEnd());
        output.Write('\n');
    }
}
