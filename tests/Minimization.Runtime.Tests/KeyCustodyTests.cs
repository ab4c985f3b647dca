using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Minimization.Runtime.Tests
{
    /// <summary>Where keys live: inside the context and the providers, cleared on dispose, a bounded number per context.</summary>
    public class KeyCustodyTests
    {
        private static readonly byte[] Master = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        private static readonly byte[] OtherMaster = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();
        private static readonly DateTimeOffset Thursday = new DateTimeOffset(2024, 3, 7, 12, 0, 0, TimeSpan.Zero);

        [Fact]
        public void A_context_hands_out_no_key_neither_its_partners_nor_anothers()
        {
            var keys = new DerivedKeyProvider(Master);
            var uk = new MinimizationContext("UK", keys, Thursday);

#pragma warning disable CS0618 // the obsolete Keys property is what is tested
            IPseudonymKeyProvider exposed = uk.Keys;
#pragma warning restore CS0618
            Assert.Throws<InvalidOperationException>(() => exposed.GetKey("FR", KeyPeriod.Static));
            Assert.Throws<InvalidOperationException>(() => exposed.GetKey("UK", KeyPeriod.Static));
            Assert.False(ReferenceEquals(exposed, keys));
        }

        [Fact]
        public void No_public_member_of_a_context_gives_key_material()
        {
            IEnumerable<Type> returned = typeof(MinimizationContext)
                .GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
                .Where(m => m.GetCustomAttribute<ObsoleteAttribute>() is null && !(m is MethodInfo { IsSpecialName: true }))
                .Select(m => m switch
                {
                    PropertyInfo p => p.PropertyType,
                    MethodInfo mi => mi.ReturnType,
                    FieldInfo f => f.FieldType,
                    _ => typeof(void),
                });

            Assert.DoesNotContain(typeof(byte[]), returned);
            Assert.DoesNotContain(returned, t => typeof(IPseudonymKeyProvider).IsAssignableFrom(t));
        }

        [Fact]
        public void The_context_derives_the_same_tokens_inside_as_the_provider_key_gives()
        {
            var keys = new DerivedKeyProvider(Master);
            using var context = new MinimizationContext("UK", keys, Thursday);
            KeyPeriod day = KeyPeriod.For(KeyRotation.Daily, Thursday);
            using var direct = new Pseudonymizer(keys.GetKey("UK", day));

            Assert.Equal(direct.Pseudonymize("6135550100", IdentityCategory.Phone), context.Pseudonymize("6135550100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.Daily));
        }

        [Fact]
        public void Tokens_of_a_single_root_key_keep_their_form_and_value()
        {
            // Computed outside .NET: HMAC-SHA-256 of "phone␟6135550100" under the key derived for UK in the period.
            using var context = new MinimizationContext("UK", new DerivedKeyProvider(Master), Thursday);
            Assert.Equal("e45856111f204148dfd88e8c2cd01a89", context.Pseudonymize("+1 613 555 0100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.None));
            Assert.Equal("80f2d5600894875a6ccb3927b76f4b75", context.Pseudonymize("613-555-0100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.Daily));
        }

        [Fact]
        public void A_disposed_derived_key_provider_is_cleared_and_refuses_use()
        {
            var keys = new DerivedKeyProvider(new[] { new RootKey(1, Master, DateTimeOffset.MinValue), new RootKey(2, OtherMaster, Thursday) });
            Assert.All(keys.KeyBuffers, b => Assert.Contains(b, x => x != 0));

            keys.Dispose();

            Assert.All(keys.KeyBuffers, b => Assert.All(b, x => Assert.Equal(0, x)));
            Assert.Throws<ObjectDisposedException>(() => keys.GetKey("UK", KeyPeriod.Static));
            var context = new MinimizationContext("UK", keys, Thursday);
            Assert.Throws<ObjectDisposedException>(() => context.Pseudonymize("6135550100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.Daily));
            keys.Dispose();
            Assert.Equal(1, Master[0]); // the caller's array is its own: copied, never cleared by the provider
        }

        [Fact]
        public void A_disposed_derived_key_provider_is_cleared_seen_by_reflection()
        {
            var keys = new DerivedKeyProvider(Master);
            var roots = (Array)typeof(DerivedKeyProvider).GetField("_roots", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(keys)!;
            object root = roots.GetValue(0)!;
            var buffer = (byte[])root.GetType().GetProperty("Key")!.GetValue(root)!;
            Assert.Equal(Master, buffer);

            keys.Dispose();

            Assert.Equal(new byte[32], buffer);
        }

        [Fact]
        public void A_disposed_partner_key_provider_is_cleared_and_refuses_use()
        {
            var keys = new PartnerKeyProvider(new Dictionary<string, byte[]> { ["UK"] = Master, ["FR"] = OtherMaster });
            keys.Dispose();

            Assert.All(keys.KeyBuffers, b => Assert.All(b, x => Assert.Equal(0, x)));
            Assert.Throws<ObjectDisposedException>(() => keys.GetKey("UK", KeyPeriod.Static));
            Assert.Throws<ObjectDisposedException>(() => new MinimizationContext("UK", keys).Pseudonymize("a", null, PseudonymNormalization.Auto, KeyRotation.None));
        }

        [Fact]
        public void A_disposed_pseudonymizer_is_cleared_and_refuses_use()
        {
            var p = new Pseudonymizer(Master);
            Assert.NotNull(p.Pseudonymize("6135550100", IdentityCategory.Phone));

            p.Dispose();

            Assert.All(p.KeyBuffer, x => Assert.Equal(0, x));
            Assert.Throws<ObjectDisposedException>(() => p.Pseudonymize("6135550100", IdentityCategory.Phone));
        }

        [Fact]
        public void A_disposed_context_clears_its_cached_keys_and_refuses_use()
        {
            using var keys = new DerivedKeyProvider(Master);
            var context = new MinimizationContext("UK", keys, Thursday);
            for (int day = 0; day < 5; day++)
            {
                context.Pseudonymize("6135550100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.Daily, Thursday.AddDays(day));
            }

            List<Pseudonymizer> cached = context.CachedPseudonymizers;
            Assert.Equal(5, cached.Count);

            context.Dispose();

            Assert.All(cached, p => Assert.All(p.KeyBuffer, x => Assert.Equal(0, x)));
            Assert.Throws<ObjectDisposedException>(() => context.Pseudonymize("6135550100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.Daily));
            Assert.Throws<ObjectDisposedException>(() => context.GetPseudonymizer(KeyPeriod.Static));
            context.Dispose();
            Assert.NotNull(keys.GetKey("UK", KeyPeriod.Static)); // the provider is the caller's, not disposed with the context
        }

        [Fact]
        public void The_per_period_cache_stays_within_its_bound_and_clears_what_it_drops()
        {
            using var context = new MinimizationContext("UK", new DerivedKeyProvider(Master), Thursday);
            var dropped = new List<Pseudonymizer>();
            for (int day = 0; day < 5_000; day++)
            {
                context.Pseudonymize("6135550100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.Daily, Thursday.AddDays(day));
                Assert.True(context.CachedPeriodCount <= MinimizationContext.PeriodCacheCapacity);
                if (day == 10)
                {
                    dropped.AddRange(context.CachedPseudonymizers);
                }
            }

            Assert.Equal(MinimizationContext.PeriodCacheCapacity, context.CachedPeriodCount);
            Assert.Equal(11, dropped.Count);
            Assert.All(dropped, p => Assert.All(p.KeyBuffer, x => Assert.Equal(0, x)));
        }

        [Fact]
        public void Concurrent_use_across_many_periods_never_uses_a_cleared_key()
        {
            var keys = new DerivedKeyProvider(Master);
            using var context = new MinimizationContext("UK", keys, Thursday);
            var expected = new ConcurrentDictionary<int, string>();
            var wrong = new ConcurrentBag<int>();
            Parallel.For(0, 4_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            {
                int day = (i * 7919) % 200; // 200 periods against a cache of 32: constant eviction
                string? token = context.Pseudonymize("6135550100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.Daily, Thursday.AddDays(day));
                string reference = expected.GetOrAdd(day, d =>
                {
                    using var p = new Pseudonymizer(keys.GetKey("UK", KeyPeriod.For(KeyRotation.Daily, Thursday.AddDays(d))));
                    return p.Pseudonymize("6135550100", IdentityCategory.Phone)!;
                });
                if (token != reference)
                {
                    wrong.Add(day);
                }
            });

            Assert.Empty(wrong);
            Assert.True(context.CachedPeriodCount <= MinimizationContext.PeriodCacheCapacity);
        }

        [Fact]
        public void GetPseudonymizer_gives_a_pseudonymizer_the_caller_owns()
        {
            using var context = new MinimizationContext("UK", new DerivedKeyProvider(Master), Thursday);
            KeyPeriod day = KeyPeriod.For(KeyRotation.Daily, Thursday);
            string? viaContext = context.Pseudonymize("x@example.com", IdentityCategory.Email, PseudonymNormalization.Auto, KeyRotation.Daily);
            using (Pseudonymizer owned = context.GetPseudonymizer(day))
            {
                Assert.Equal(viaContext, owned.Pseudonymize("x@example.com", IdentityCategory.Email));
            }

            Assert.Equal(viaContext, context.Pseudonymize("x@example.com", IdentityCategory.Email, PseudonymNormalization.Auto, KeyRotation.Daily));
        }
    }

    /// <summary>Run alone: it measures what the process keeps.</summary>
    [CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
    public class MemoryMeasurement
    {
    }

    [Collection(nameof(MemoryMeasurement))]
    public class KeyCacheMemoryTests
    {
        [Fact]
        public void Many_periods_do_not_grow_what_a_context_keeps()
        {
            using var context = new MinimizationContext("UK", new DerivedKeyProvider(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
            var start = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
            for (int day = 0; day < 1_000; day++)
            {
                context.Pseudonymize("6135550100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.Daily, start.AddDays(day));
            }

            long before = GC.GetTotalMemory(forceFullCollection: true);
            for (int day = 1_000; day < 21_000; day++)
            {
                context.Pseudonymize("6135550100", IdentityCategory.Phone, PseudonymNormalization.Auto, KeyRotation.Daily, start.AddDays(day));
            }

            long after = GC.GetTotalMemory(forceFullCollection: true);

            // Unbounded, 20,000 more periods would keep 20,000 pseudonymizers and keys (several megabytes).
            Assert.True(after - before < 512 * 1024, "kept " + (after - before) + " more bytes after 20,000 more periods");
            Assert.Equal(MinimizationContext.PeriodCacheCapacity, context.CachedPeriodCount);
            GC.KeepAlive(context);
        }
    }
}
