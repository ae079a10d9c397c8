using System.Text;
using Netguard.Core.JsonPatch;

namespace Netguard.Core.Manifests;

/// <summary>
/// Turns a member path — System.Text.Json's error path (<c>$.spec.tolerations[0]['a.b']</c>) or a field path in
/// a message (<c>spec.ingress[0].from</c>) — into a JSON Pointer (<c>/spec/tolerations/0/a.b</c>), the form
/// <see cref="Manifest.LineOf"/> takes.
/// </summary>
public static class FieldPath
{
    public static string FromJsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }

        var tokens = new List<string>();
        var i = path[0] switch
        {
            '$' => 1,
            '.' or '[' => 0,
            _ => -1, // a path without the root: its first member starts at once
        };
        while (i < path.Length)
        {
            if (i < 0 || path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] != '.' && path[end] != '[')
                {
                    end++;
                }

                tokens.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var sb = new StringBuilder();
                var j = i + 2;
                while (j < path.Length && !(path[j] == '\'' && j + 1 < path.Length && path[j + 1] == ']'))
                {
                    sb.Append(path[j]);
                    j++;
                }

                tokens.Add(sb.ToString());
                i = j + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0)
                {
                    break;
                }

                tokens.Add(path[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                break;
            }
        }

        return JsonPointer.Create(tokens.ToArray());
    }
}
