using System.Collections.Generic;
using System.Text;
using Minimization.Testing.Checks;

namespace Minimization.Testing
{
    /// <summary>Prints a record as data, <c>CallRecord { CallerNumber = "613-402-0187", DurationSeconds = 42 }</c>, never as a type name.</summary>
    internal static class RecordPrinter
    {
        private const int MaxMembers = 24;
        private const int MaxValue = 80;

        public static string Print(object? record, string name)
        {
            if (record == null)
            {
                return "null";
            }

            List<Leaf> leaves = ObjectGraph.Leaves(record, name);
            if (leaves.Count == 1 && leaves[0].Path == name)
            {
                return name + " " + Value(leaves[0].Quoted, leaves[0].Text);
            }

            var sb = new StringBuilder(name).Append(" { ");
            int shown = 0;
            foreach (Leaf leaf in leaves)
            {
                if (shown == MaxMembers)
                {
                    sb.Append(", …");
                    break;
                }

                if (shown > 0)
                {
                    sb.Append(", ");
                }

                string path = leaf.Path.StartsWith(name + ".", System.StringComparison.Ordinal) ? leaf.Path.Substring(name.Length + 1) : leaf.Path;
                sb.Append(path).Append(" = ").Append(Value(leaf.Quoted, leaf.Text));
                shown++;
            }

            return sb.Append(" }").ToString();
        }

        private static string Value(bool quoted, string text)
        {
            string shown = text.Length > MaxValue ? text.Substring(0, MaxValue - 1) + "…" : text;
            return quoted ? "\"" + shown + "\"" : shown;
        }
    }
}
