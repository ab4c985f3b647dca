using System;
using System.Collections.Generic;

namespace Minimization.Runtime
{
    /// <summary>
    /// What a minimizer needs to know about one release: the partner it goes to, where keys come from, and the release time
    /// (which picks the key period when a policy names no time member). Generated <c>Minimize</c> methods take one.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Keys stay inside: the context derives the partner's key for each period itself (with the key providers of this
    /// package) and hands out no key material, neither its own partner's key nor another partner's nor the root key.
    /// </para>
    /// <para>
    /// The release time is the time given to the constructor, or else the current time of a clock read at every call: the
    /// system clock, or the <see cref="TimeProvider"/> given to <see cref="WithClock"/>. So a context kept for a long time
    /// (a service's singleton) still rotates a daily key every UTC day when the policy names no time member; a time fixed
    /// when the context was built would keep one key, and link every record, for as long as the process runs.
    /// </para>
    /// <para>
    /// Keys of the most recent <c>32</c> key periods are kept, the least recently used dropped (and cleared) first, so
    /// releasing years of records does not keep a key per day in memory. Dispose the context to clear them all.
    /// </para>
    /// </remarks>
    /// <example>
    /// <code>
    /// using var context = new MinimizationContext("UK", new DerivedKeyProvider(masterKey));
    /// SharedCall shared = record.Minimize(context);
    /// </code>
    /// </example>
    public sealed class MinimizationContext : IDisposable
    {
        /// <summary>How many key periods keep their pseudonymizer cached.</summary>
        internal const int PeriodCacheCapacity = 32;

        private readonly IPseudonymKeyProvider _keys;
        private readonly TimeProvider _clock;
        private readonly DateTimeOffset? _releaseTime;
        private readonly object _gate = new object();
        private readonly Dictionary<(KeyPeriod Period, int Version), Entry> _entries = new Dictionary<(KeyPeriod Period, int Version), Entry>();
        private readonly LinkedList<Entry> _recency = new LinkedList<Entry>();
        private bool _disposed;

        /// <summary>Creates a context.</summary>
        /// <param name="partner">The partner the data goes to; not empty.</param>
        /// <param name="keys">Where the partner's keys come from. The context does not dispose it.</param>
        /// <param name="releaseTime">A fixed release time (to release a batch again exactly as before); when omitted, the system clock's current time at every call.</param>
        /// <exception cref="ArgumentException"><paramref name="partner"/> is empty.</exception>
        /// <exception cref="ArgumentNullException"><paramref name="keys"/> is null.</exception>
        public MinimizationContext(string partner, IPseudonymKeyProvider keys, DateTimeOffset? releaseTime = null)
            : this(partner, keys, TimeProvider.System, releaseTime)
        {
        }

        private MinimizationContext(string partner, IPseudonymKeyProvider keys, TimeProvider clock, DateTimeOffset? releaseTime)
        {
            if (string.IsNullOrWhiteSpace(partner))
            {
                throw new ArgumentException("A partner name is required.", nameof(partner));
            }

            Partner = partner;
            _keys = keys ?? throw new ArgumentNullException(nameof(keys));
            _clock = clock;
            _releaseTime = releaseTime;
        }

        /// <summary>Creates a context whose release time is <paramref name="clock"/>'s current time, read at every call.</summary>
        /// <param name="partner">The partner the data goes to; not empty.</param>
        /// <param name="keys">Where the partner's keys come from. The context does not dispose it.</param>
        /// <param name="clock">The clock that picks the key period when a policy names no time member.</param>
        /// <returns>The context.</returns>
        /// <exception cref="ArgumentException"><paramref name="partner"/> is empty.</exception>
        /// <exception cref="ArgumentNullException"><paramref name="keys"/> or <paramref name="clock"/> is null.</exception>
        public static MinimizationContext WithClock(string partner, IPseudonymKeyProvider keys, TimeProvider clock)
            => new MinimizationContext(partner, keys, clock ?? throw new ArgumentNullException(nameof(clock)), null);

        /// <summary>The partner the data goes to.</summary>
        public string Partner { get; }

        /// <summary>No longer hands out keys: every <see cref="IPseudonymKeyProvider.GetKey"/> on it throws <see cref="InvalidOperationException"/>.</summary>
        [Obsolete("A MinimizationContext hands out no key material. Pseudonymize through the context, or use GetPseudonymizer(period).")]
        public IPseudonymKeyProvider Keys => new WithheldKeys(Partner);

        /// <summary>The release time: the fixed time given to the constructor, or the clock's current time; it picks the key period when a policy names no time member.</summary>
        public DateTimeOffset ReleaseTime => _releaseTime ?? _clock.GetUtcNow();

        /// <summary>A new pseudonymizer for this partner in <paramref name="period"/> (for the static period, under the root-key version in force at <see cref="ReleaseTime"/>).</summary>
        /// <param name="period">The key period.</param>
        /// <returns>The pseudonymizer; the caller owns it and should dispose it.</returns>
        /// <exception cref="ArgumentException">The key provider returned a key shorter than 32 bytes.</exception>
        /// <exception cref="ObjectDisposedException">The context was disposed.</exception>
        public Pseudonymizer GetPseudonymizer(KeyPeriod period)
        {
            ThrowIfDisposed();
            return Create(period, VersionFor(period, ReleaseTime));
        }

        /// <summary>Pseudonymizes with the key of the period that contains <see cref="ReleaseTime"/>.</summary>
        /// <param name="value">The raw value.</param>
        /// <param name="category">The identity category, or <see langword="null"/>.</param>
        /// <param name="normalization">How to normalize first.</param>
        /// <param name="rotation">How often the key changes.</param>
        /// <returns>The token, or <see langword="null"/> for a null, empty or meaningless value.</returns>
        /// <exception cref="ObjectDisposedException">The context was disposed.</exception>
        [Minimizer]
        public string? Pseudonymize(string? value, string? category, PseudonymNormalization normalization, KeyRotation rotation)
            => Pseudonymize(value, category, normalization, rotation, (DateTimeOffset?)null);

        /// <summary>Pseudonymizes with the key of the period that contains <paramref name="periodTime"/> (or <see cref="ReleaseTime"/> when it is null).</summary>
        /// <param name="value">The raw value.</param>
        /// <param name="category">The identity category, or <see langword="null"/>.</param>
        /// <param name="normalization">How to normalize first.</param>
        /// <param name="rotation">How often the key changes.</param>
        /// <param name="periodTime">The point in time that picks the period, usually the record's own time stamp.</param>
        /// <returns>The token, or <see langword="null"/> for a null, empty or meaningless value.</returns>
        /// <exception cref="ObjectDisposedException">The context was disposed.</exception>
        [Minimizer]
        public string? Pseudonymize(string? value, string? category, PseudonymNormalization normalization, KeyRotation rotation, DateTimeOffset? periodTime)
        {
            ThrowIfDisposed();
            if (IdentifierNormalization.Normalize(value, category, normalization) is null)
            {
                return null;
            }

            DateTimeOffset at = periodTime ?? ReleaseTime;
            KeyPeriod period = KeyPeriod.For(rotation, at);
            Entry entry = Acquire((period, VersionFor(period, at)));
            try
            {
                return entry.Pseudonymizer.Pseudonymize(value, category, normalization);
            }
            finally
            {
                Release(entry);
            }
        }

        /// <summary>Pseudonymizes with the key of the period that contains <paramref name="periodTime"/>; an unspecified <see cref="DateTime.Kind"/> is read as UTC.</summary>
        /// <param name="value">The raw value.</param>
        /// <param name="category">The identity category, or <see langword="null"/>.</param>
        /// <param name="normalization">How to normalize first.</param>
        /// <param name="rotation">How often the key changes.</param>
        /// <param name="periodTime">The point in time that picks the period.</param>
        /// <returns>The token, or <see langword="null"/> for a null, empty or meaningless value.</returns>
        /// <exception cref="ObjectDisposedException">The context was disposed.</exception>
        [Minimizer]
        public string? Pseudonymize(string? value, string? category, PseudonymNormalization normalization, KeyRotation rotation, DateTime? periodTime)
        {
            DateTimeOffset? at = null;
            if (periodTime is DateTime t)
            {
                at = new DateTimeOffset(DateTime.SpecifyKind(t.Kind == DateTimeKind.Local ? t.ToUniversalTime() : t, DateTimeKind.Utc));
            }

            return Pseudonymize(value, category, normalization, rotation, at);
        }

        /// <summary>The largest shift <see cref="ShiftDate(DateTimeOffset?, string?, string?, int)"/> accepts, in days (about ten years).</summary>
        public const int MaxDateShiftDays = 3650;

        /// <summary>
        /// Shifts <paramref name="value"/> by the subject's own offset: a whole number of days between
        /// <c>-maxDays</c> and <c>+maxDays</c>, never 0, drawn from a keyed HMAC of the normalized subject under this partner's
        /// static key (its root-key version at <see cref="ReleaseTime"/>). Every date of one subject moves by the same offset for
        /// this partner, so intervals survive; another partner's offset for the subject is unrelated, and the offset is
        /// unrelated to the subject's pseudonym.
        /// </summary>
        /// <param name="value">The date.</param>
        /// <param name="subject">Who the date belongs to (an account, a phone number).</param>
        /// <param name="subjectCategory">The subject's identity category, which picks its normalization (one phone number in any notation, one offset).</param>
        /// <param name="maxDays">The largest shift in days, either way; 1 to <see cref="MaxDateShiftDays"/>.</param>
        /// <returns>The shifted date; <see langword="null"/> when the date is null or the subject null or empty (a date is never returned unshifted).</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDays"/> is out of range.</exception>
        /// <exception cref="ObjectDisposedException">The context was disposed.</exception>
        [Minimizer]
        public DateTimeOffset? ShiftDate(DateTimeOffset? value, string? subject, string? subjectCategory, int maxDays)
        {
            ThrowIfDisposed();
            if (maxDays < 1 || maxDays > MaxDateShiftDays)
            {
                throw new ArgumentOutOfRangeException(nameof(maxDays), maxDays, "A date shift is between 1 and " + MaxDateShiftDays + " days.");
            }

            if (value is not DateTimeOffset date)
            {
                return null;
            }

            int? days = ShiftDays(subject, subjectCategory, maxDays);
            if (days is not int offset)
            {
                return null;
            }

            // Near the ends of the calendar the shift goes the other way rather than fail.
            TimeSpan shift = TimeSpan.FromDays(offset);
            return (date.UtcDateTime.Ticks + shift.Ticks) is long ticks && ticks >= DateTime.MinValue.Ticks + TimeSpan.TicksPerDay && ticks <= DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay
                ? date.Add(shift)
                : date.Subtract(shift);
        }

        /// <summary><see cref="ShiftDate(DateTimeOffset?, string?, string?, int)"/> for a <see cref="DateTime"/>; the <see cref="DateTime.Kind"/> is kept.</summary>
        /// <param name="value">The date.</param>
        /// <param name="subject">Who the date belongs to.</param>
        /// <param name="subjectCategory">The subject's identity category.</param>
        /// <param name="maxDays">The largest shift in days, either way; 1 to <see cref="MaxDateShiftDays"/>.</param>
        /// <returns>The shifted date, or <see langword="null"/>.</returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDays"/> is out of range.</exception>
        /// <exception cref="ObjectDisposedException">The context was disposed.</exception>
        [Minimizer]
        public DateTime? ShiftDate(DateTime? value, string? subject, string? subjectCategory, int maxDays)
        {
            if (value is not DateTime date)
            {
                ShiftDate((DateTimeOffset?)null, subject, subjectCategory, maxDays);
                return null;
            }

            DateTimeOffset? shifted = ShiftDate(new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Unspecified), TimeSpan.Zero), subject, subjectCategory, maxDays);
            return shifted is DateTimeOffset s ? DateTime.SpecifyKind(s.DateTime, date.Kind) : (DateTime?)null;
        }

        private int? ShiftDays(string? subject, string? subjectCategory, int maxDays)
        {
            KeyPeriod period = KeyPeriod.Static;
            Entry entry = Acquire((period, VersionFor(period, ReleaseTime)));
            try
            {
                // 2 * maxDays outcomes: -maxDays … -1 and 1 … maxDays.
                ulong? drawn = entry.Pseudonymizer.Draw("date-shift", subject, subjectCategory, (ulong)(2 * maxDays));
                if (drawn is not ulong d)
                {
                    return null;
                }

                int magnitude = (int)(d % (ulong)maxDays) + 1;
                return d < (ulong)maxDays ? -magnitude : magnitude;
            }
            finally
            {
                Release(entry);
            }
        }

        /// <summary>Clears every cached key from memory. Later calls throw <see cref="ObjectDisposedException"/>; the key provider is not disposed.</summary>
        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                foreach (Entry entry in _recency)
                {
                    Evict(entry);
                }

                _entries.Clear();
                _recency.Clear();
            }
        }

        /// <summary>How many key periods have a cached pseudonymizer now.</summary>
        internal int CachedPeriodCount
        {
            get
            {
                lock (_gate)
                {
                    return _entries.Count;
                }
            }
        }

        /// <summary>The cached pseudonymizers, most recently used first, for tests.</summary>
        internal List<Pseudonymizer> CachedPseudonymizers
        {
            get
            {
                lock (_gate)
                {
                    var list = new List<Pseudonymizer>();
                    foreach (Entry entry in _recency)
                    {
                        list.Add(entry.Pseudonymizer);
                    }

                    return list;
                }
            }
        }

        private int VersionFor(KeyPeriod period, DateTimeOffset at)
            => _keys is IKeyDerivation derivation ? derivation.VersionFor(period, at) : 0;

        private Pseudonymizer Create(KeyPeriod period, int version)
        {
            if (_keys is IKeyDerivation derivation)
            {
                return derivation.CreatePseudonymizer(Partner, period, version);
            }

            // A provider of someone else's: its key arrays are its own business, so they are neither kept nor cleared here.
            return new Pseudonymizer(_keys.GetKey(Partner, period), version);
        }

        private Entry Acquire((KeyPeriod Period, int Version) key)
        {
            lock (_gate)
            {
                ThrowIfDisposed();
                if (_entries.TryGetValue(key, out Entry? found))
                {
                    _recency.Remove(found.Node);
                    _recency.AddFirst(found.Node);
                    found.Leases++;
                    return found;
                }
            }

            // Derive outside the lock: it is the slow part, and another thread may be deriving another period's key.
            Pseudonymizer created = Create(key.Period, key.Version);
            lock (_gate)
            {
                if (_disposed)
                {
                    created.Dispose();
                    ThrowIfDisposed();
                }

                if (_entries.TryGetValue(key, out Entry? raced))
                {
                    created.Dispose();
                    _recency.Remove(raced.Node);
                    _recency.AddFirst(raced.Node);
                    raced.Leases++;
                    return raced;
                }

                var entry = new Entry(created);
                entry.Node = _recency.AddFirst(entry);
                _entries.Add(key, entry);
                entry.Key = key;
                entry.Leases++;
                while (_entries.Count > PeriodCacheCapacity)
                {
                    Entry oldest = _recency.Last!.Value;
                    _recency.RemoveLast();
                    _entries.Remove(oldest.Key);
                    Evict(oldest);
                }

                return entry;
            }
        }

        private void Release(Entry entry)
        {
            lock (_gate)
            {
                entry.Leases--;
                if (entry.Evicted && entry.Leases == 0)
                {
                    entry.Pseudonymizer.Dispose();
                }
            }
        }

        /// <summary>Marks an entry that left the cache; its key is cleared now, or by the last call still using it.</summary>
        private static void Evict(Entry entry)
        {
            entry.Evicted = true;
            if (entry.Leases == 0)
            {
                entry.Pseudonymizer.Dispose();
            }
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(MinimizationContext));
            }
        }

        private sealed class Entry
        {
            public Entry(Pseudonymizer pseudonymizer)
            {
                Pseudonymizer = pseudonymizer;
                Node = null!;
            }

            public Pseudonymizer Pseudonymizer { get; }

            public LinkedListNode<Entry> Node { get; set; }

            public (KeyPeriod Period, int Version) Key { get; set; }

            public int Leases { get; set; }

            public bool Evicted { get; set; }
        }

        /// <summary>What <see cref="Keys"/> returns now: a provider that refuses to hand out any key.</summary>
        private sealed class WithheldKeys : IPseudonymKeyProvider
        {
            private readonly string _partner;

            public WithheldKeys(string partner) => _partner = partner;

            public byte[] GetKey(string partner, KeyPeriod period)
                => throw new InvalidOperationException(
                    "The MinimizationContext for '" + _partner + "' hands out no key material (asked for partner '" + partner + "'). Pseudonymize through the context, or use GetPseudonymizer(period).");
        }
    }
}
