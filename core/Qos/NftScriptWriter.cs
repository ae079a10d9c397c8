using System.Text;

namespace Netguard.Core.Qos;

/// <summary>
/// Writes the nft(8) script that replaces the agent's table atomically. nft -f runs a file as one
/// transaction, and a declaration of an existing table only adds to it, so the script first makes
/// sure the table exists, deletes it, and declares it whole (SPEC §10).
/// </summary>
public static class NftScriptWriter
{
    public const string Comment = "managed by netguard-agent; edits are overwritten";

    private const int ElementsPerLine = 4;

    public static string Replace(NftTablePlan table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        sb.Append(Delete(table.Family, table.Name));
        AppendTable(sb, table);
        return sb.ToString();
    }

    /// <summary>
    /// Changes only set elements, in one transaction: deletions first, so an address moving between
    /// classes is never in two sets. Used when the table's structure already matches the plan.
    /// </summary>
    public static string UpdateElements(NftTablePlan table, IEnumerable<NftSetDelta> deltas)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(deltas);
        var list = deltas.ToList();
        var sb = new StringBuilder();
        foreach (var d in list.Where(d => d.Removed.Count > 0))
        {
            sb.Append("delete element ").Append(table.Family).Append(' ').Append(table.Name).Append(' ').Append(d.Set)
                .Append(" { ").Append(string.Join(", ", d.Removed)).Append(" }\n");
        }

        foreach (var d in list.Where(d => d.Added.Count > 0))
        {
            sb.Append("add element ").Append(table.Family).Append(' ').Append(table.Name).Append(' ').Append(d.Set)
                .Append(" { ").Append(string.Join(", ", d.Added)).Append(" }\n");
        }

        return sb.ToString();
    }

    /// <summary>Deletes the table whether or not it exists.</summary>
    public static string Delete(string family = NftTablePlan.TableFamily, string name = NftTablePlan.TableName) =>
        $"table {family} {name} {{}}\ndelete table {family} {name}\n";

    private static void AppendTable(StringBuilder sb, NftTablePlan table)
    {
        sb.Append("table ").Append(table.Family).Append(' ').Append(table.Name).Append(" {\n");
        sb.Append("\tcomment \"").Append(Comment).Append("\"\n");
        foreach (var set in table.Sets)
        {
            sb.Append("\tset ").Append(set.Name).Append(" {\n");
            sb.Append("\t\ttype ").Append(set.Type).Append('\n');
            if (set.Elements.Count > 0)
            {
                sb.Append("\t\telements = {");
                for (var i = 0; i < set.Elements.Count; i++)
                {
                    sb.Append(i == 0 ? " " : i % ElementsPerLine == 0 ? ",\n\t\t\t     " : ", ");
                    sb.Append(set.Elements[i]);
                }

                sb.Append(" }\n");
            }

            sb.Append("\t}\n");
        }

        foreach (var chain in table.Chains)
        {
            sb.Append("\tchain ").Append(chain.Name).Append(" {\n");
            sb.Append("\t\ttype ").Append(chain.Type).Append(" hook ").Append(chain.Hook)
                .Append(" priority ").Append(PriorityName(chain.Priority)).Append("; policy ").Append(chain.Policy).Append(";\n");
            foreach (var rule in chain.Rules)
            {
                sb.Append("\t\t").Append(rule.ToNft()).Append('\n');
            }

            sb.Append("\t}\n");
        }

        sb.Append("}\n");
    }

    private static string PriorityName(int priority) => priority switch
    {
        -150 => "mangle",
        0 => "filter",
        _ => priority.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
