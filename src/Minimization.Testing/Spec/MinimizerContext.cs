using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Minimization.Testing
{
    /// <summary>
    /// What a minimizer receives besides the record: the partner the output is for, and its secrets. Take every secret
    /// from here: the harness gives the real run secret keys and gives the attacker the same code with keys of its own
    /// guessing. A key written in the minimizer's code, or captured by its lambda, counts as published: the attacker has it.
    /// </summary>
    /// <example>
    /// <code>
    /// MinimizerSpec.For&lt;CallRecord, SharedCall&gt;((r, ctx) =&gt; new SharedCall(
    ///     Token: Hmac(ctx.KeyFor(ctx.Partner + "/" + r.StartedAt.Date.ToString("yyyy-MM-dd")), r.CallerNumber),
    ///     Region: Lac(r.TowerId)));
    /// </code>
    /// </example>
    public sealed class MinimizerContext
    {
        private readonly byte[] _root;
        private readonly ConcurrentDictionary<string, byte[]> _keys = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);

        /// <summary>A context whose keys derive from <paramref name="rootSecret"/> (HMAC-SHA-256 of the key id).</summary>
        /// <param name="partner">The partner the output is for, for example <c>"UK"</c>.</param>
        /// <param name="rootSecret">The secret all keys derive from.</param>
        public MinimizerContext(string partner, ReadOnlySpan<byte> rootSecret)
        {
            Partner = partner ?? throw new ArgumentNullException(nameof(partner));
            _root = rootSecret.ToArray();
        }

        /// <summary>A context with a fresh random root secret.</summary>
        /// <param name="partner">The partner the output is for.</param>
        /// <returns>The context.</returns>
        public static MinimizerContext ForPartner(string partner) => new MinimizerContext(partner, RandomNumberGenerator.GetBytes(32));

        /// <summary>The partner the output is for.</summary>
        public string Partner { get; }

        /// <summary>The partner's own 32-byte secret key, <c>KeyFor(Partner)</c>. Do not modify the array.</summary>
        public byte[] Key => KeyFor(Partner);

        /// <summary>
        /// The 32-byte secret for <paramref name="keyId"/>: the same id always gives the same key in one context, different
        /// ids give independent keys. Mix the partner (and a rotation period) into the id for per-partner pseudonyms.
        /// Do not modify the array.
        /// </summary>
        /// <param name="keyId">For example <c>"UK/2026-11-02"</c>.</param>
        /// <returns>The key.</returns>
        public byte[] KeyFor(string keyId) => _keys.GetOrAdd(keyId, id => HMACSHA256.HashData(_root, Encoding.UTF8.GetBytes(id)));

        internal MinimizerContext Fresh() => new MinimizerContext(Partner, _root);

        /// <inheritdoc/>
        public override string ToString() => "MinimizerContext(" + Partner + ")";
    }
}
