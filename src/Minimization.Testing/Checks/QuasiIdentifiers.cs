using System;
using System.Collections.Generic;
using System.Linq;
using System.Linq.Expressions;
using System.Text;

namespace Minimization.Testing.Checks
{
    /// <summary>
    /// The quasi-identifiers of an output record: the columns an attacker can link with outside knowledge (region, day,
    /// age band). Records that agree on all of them form an equivalence class. Each selector is compiled to a typed 64-bit
    /// hash, so grouping a million records allocates nothing per record.
    /// </summary>
    /// <typeparam name="T">The output record type.</typeparam>
    /// <example>
    /// <code>
    /// var qis = QuasiIdentifiers&lt;SharedCall&gt;.Of(s =&gt; s.Region, s =&gt; s.Day);
    /// ulong key = qis.KeyOf(record);
    /// string text = qis.Describe(record);   // "{region=K1A, day=2026-11-02}"
    /// </code>
    /// </example>
    public sealed class QuasiIdentifiers<T>
    {
        private readonly Column<T>[] _columns;

        private QuasiIdentifiers(Column<T>[] columns)
        {
            _columns = columns;
        }

        /// <summary>Declares the quasi-identifiers by selector; names come from the members selected.</summary>
        /// <param name="selectors">One selector per column, for example <c>s =&gt; s.Region</c>.</param>
        /// <returns>The compiled set.</returns>
        public static QuasiIdentifiers<T> Of(params Expression<Func<T, object?>>[] selectors)
        {
            if (selectors == null || selectors.Length == 0)
            {
                throw new ArgumentException("Declare at least one quasi-identifier.", nameof(selectors));
            }

            return new QuasiIdentifiers<T>(selectors.Select((s, i) => Selectors.Compile(s, i)).ToArray());
        }

        /// <summary>The column names, for example <c>["region", "day"]</c>.</summary>
        public IReadOnlyList<string> Names => _columns.Select(c => c.Name).ToArray();

        /// <summary>The record's class key: equal for records that agree on every quasi-identifier.</summary>
        /// <param name="record">An output record.</param>
        /// <returns>A 64-bit key.</returns>
        public ulong KeyOf(T record)
        {
            ulong h = 0x243F6A8885A308D3UL;
            Column<T>[] cs = _columns;
            for (int i = 0; i < cs.Length; i++)
            {
                h = KeyHash.Combine(h, cs[i].Hash(record));
            }

            return h;
        }

        /// <summary>The record's class written out, for example <c>{region=K1A, day=2026-11-02}</c>.</summary>
        /// <param name="record">An output record.</param>
        /// <returns>The description.</returns>
        public string Describe(T record)
        {
            var sb = new StringBuilder("{");
            for (int i = 0; i < _columns.Length; i++)
            {
                if (i > 0)
                {
                    sb.Append(", ");
                }

                sb.Append(_columns[i].Name).Append('=').Append(_columns[i].Display(record));
            }

            return sb.Append('}').ToString();
        }
    }
}
