using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Minimization.Generators.Tests.Infrastructure;
using Minimization.Runtime;
using Xunit;

namespace Minimization.Generators.Tests.Generator
{
    /// <summary>
    /// The records real pipelines have (a message with a sender, recipients, a device, dates), compiled with the generated
    /// minimizers and run: nested records, collections, declared maps, rare values and per-subject date shifts.
    /// </summary>
    public class RealRecordTests
    {
        private static readonly byte[] Master = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();

        private const string Driver = """
            using System;
            using System.Collections.Generic;
            using System.Collections.Immutable;
            using System.Linq;
            using Minimization.Runtime;

            namespace Messaging
            {
                public static class Driver
                {
                    public static Email NewEmail(string account, DateTime sent, DateOnly? opened = null)
                        => new Email
                        {
                            Account = account,
                            From = new Party("Ann@Example.com", "Ann"),
                            To = new Party?[] { new Party("bob@example.com", "Bob"), null, new Party("BOB@example.com ", null) },
                            Cc = new List<string?> { "carol@example.org", null, "" },
                            Relays = new[] { "203.0.113.77", "2001:db8:1234:5678::1", "not an address" },
                            Opened = ImmutableArray.Create(new DateTimeOffset(2024, 3, 7, 14, 35, 0, TimeSpan.Zero)),
                            Device = new Device { Model = " IPHONE 15 ", Platform = Platform.Linux, Imei = "490154203237518" },
                            Sent = sent,
                            AccountOpened = opened,
                            PostalCode = "H2X 1Y4",
                        };

                    public static SharedEmail Minimize(Email email, MinimizationContext context) => email.Minimize(context);

                    public static MinimizedParty MinimizeParty(string address, MinimizationContext context) => new Party(address, "x").Minimize(context);

                    public static IReadOnlyList<SharedEmail> Batch(MinimizationContext context, params string[] postalCodes)
                        => postalCodes.Select(p => { Email e = NewEmail("A-1", new DateTime(2024, 3, 7)); e.PostalCode = p; return e; }).ToList().MinimizeBatch(context);

                    public static IReadOnlyList<MinimizedDevice> Devices(MinimizationContext context, params string[] models)
                        => models.Select(m => new Device { Model = m, Platform = Platform.Android }).MinimizeBatch(context);

                    public static MinimizedDevice Device(MinimizationContext context, string model, Platform platform)
                        => new Device { Model = model, Platform = platform }.Minimize(context);
                }
            }
            """;

        private static readonly Lazy<Type> DriverType = new Lazy<Type>(() =>
            TestCompilation.Load(TestCompilation.Generate(TestCompilation.Create(Samples.Messaging, Driver)).Output).GetType("Messaging.Driver")!);

        private static MinimizationContext Context(string partner = "UK")
            => new MinimizationContext(partner, new DerivedKeyProvider(Master), new DateTimeOffset(2024, 3, 8, 0, 0, 0, TimeSpan.Zero));

        private static object? Call(string method, params object?[] arguments) => DriverType.Value.GetMethod(method)!.Invoke(null, arguments);

        private static object NewEmail(string account, DateTime sent, DateOnly? opened = null) => Call("NewEmail", account, sent, opened)!;

        private static object Minimize(object email, MinimizationContext context) => Call("Minimize", email, context)!;

        private static object? Get(object o, string name) => o.GetType().GetProperty(name)!.GetValue(o);

        private static void Set(object o, string name, object? value) => o.GetType().GetProperty(name)!.SetValue(o, value);

        private static List<object?> List(object? o) => ((IEnumerable)o!).Cast<object?>().ToList();

        [Fact]
        public void A_nested_record_is_minimized_by_its_own_generated_minimizer()
        {
            using MinimizationContext context = Context();
            object shared = Minimize(NewEmail("A-1", new DateTime(2024, 3, 7)), context);

            object from = Get(shared, "From")!;
            Assert.Equal("MinimizedParty", from.GetType().Name);
            Assert.Equal(Get(Call("MinimizeParty", "ann@example.com", context)!, "Address"), Get(from, "Address"));
            Assert.Matches("^[0-9a-f]{32}$", (string)Get(from, "Address")!);
            Assert.Null(from.GetType().GetProperty("DisplayName"));
        }

        [Fact]
        public void A_null_nested_record_gives_null()
        {
            using MinimizationContext context = Context();
            object email = NewEmail("A-1", new DateTime(2024, 3, 7));
            Set(email, "Device", null);
            Set(email, "From", null);

            object shared = Minimize(email, context);
            Assert.Null(Get(shared, "Device"));
            Assert.Null(Get(shared, "From"));
        }

        [Fact]
        public void Recipients_are_minimized_element_by_element_and_null_elements_stay_null()
        {
            using MinimizationContext context = Context();
            object shared = Minimize(NewEmail("A-1", new DateTime(2024, 3, 7)), context);

            List<object?> to = List(Get(shared, "To"));
            Assert.Equal(3, to.Count);
            Assert.Null(to[1]);
            string bob = (string)Get(to[0]!, "Address")!;
            Assert.Equal(bob, Get(to[2]!, "Address"));
            Assert.Equal(Get(Call("MinimizeParty", "bob@example.com", context)!, "Address"), bob);
        }

        [Fact]
        public void Identifiers_in_a_list_or_array_are_pseudonymized_or_masked_one_by_one_and_never_kept_raw()
        {
            using MinimizationContext context = Context();
            object shared = Minimize(NewEmail("A-1", new DateTime(2024, 3, 7)), context);

            List<object?> cc = List(Get(shared, "Cc"));
            Assert.Equal(3, cc.Count);
            Assert.Equal(context.Pseudonymize("carol@example.org", "email", PseudonymNormalization.Auto, KeyRotation.Daily, new DateTime(2024, 3, 7)), cc[0]);
            Assert.Null(cc[1]);
            Assert.Null(cc[2]);

            Assert.Equal(new object?[] { "203.0.113.0/24", "2001:db8:1234::/48", null }, List(Get(shared, "Relays")));
            Assert.Equal(new object?[] { new DateTimeOffset(2024, 3, 7, 0, 0, 0, TimeSpan.Zero) }, List(Get(shared, "Opened")));
        }

        [Fact]
        public void A_null_list_and_a_default_immutable_array_give_null()
        {
            using MinimizationContext context = Context();
            object email = NewEmail("A-1", new DateTime(2024, 3, 7));
            Set(email, "Cc", null);
            Set(email, "To", null);
            Set(email, "Relays", null);
            Set(email, "Opened", Activator.CreateInstance(email.GetType().GetProperty("Opened")!.PropertyType));

            object shared = Minimize(email, context);
            Assert.Null(Get(shared, "Cc"));
            Assert.Null(Get(shared, "To"));
            Assert.Null(Get(shared, "Relays"));
            Assert.Null(Get(shared, "Opened"));
        }

        [Theory]
        [InlineData(" IPHONE 15 ", "Android", "Apple", "mobile")]
        [InlineData("pixel 8", "Ios", "Google", "mobile")]
        [InlineData("Nokia 3310", "Linux", "other", "desktop")]
        [InlineData("Galaxy S24", "Mac", "Samsung", "desktop")]
        public void A_declared_map_generalizes_strings_and_enums_with_an_other_fallback(string model, string platform, string maker, string kind)
        {
            using MinimizationContext context = Context();
            Type platformType = DriverType.Value.Assembly.GetType("Messaging.Platform")!;
            object device = Call("Device", context, model, Enum.Parse(platformType, platform))!;

            Assert.Equal(maker, Get(device, "Model"));
            Assert.Equal(kind, Get(device, "Platform"));
            Assert.Null(device.GetType().GetProperty("Imei"));
        }

        [Fact]
        public void MinimizeBatch_turns_values_fewer_than_k_records_share_into_other()
        {
            using MinimizationContext context = Context();
            List<object?> devices = List(Call("Devices", context, new[] { "iPhone 15", "iPhone 14", "iPhone 15", "Pixel 8", "Nokia 3310", "Nokia 8110", "Moto G" }));

            // Counted after generalizing: three Apple, one Google, three other.
            Assert.Equal(new object?[] { "Apple", "Apple", "Apple", "other", "other", "other", "other" }, devices.Select(d => Get(d!, "Model")).ToArray());

            List<object?> emails = List(Call("Batch", context, new[] { "H2X 1Y4", "H2X 3A1", "J0B 1A0" }));
            Assert.Equal(new object?[] { "H2X", "H2X", "rural" }, emails.Select(e => Get(e!, "PostalCode")).ToArray());
        }

        [Fact]
        public void Minimize_on_one_record_suppresses_nothing()
        {
            using MinimizationContext context = Context();
            object shared = Minimize(NewEmail("A-1", new DateTime(2024, 3, 7)), context);
            Assert.Equal("H2X", Get(shared, "PostalCode"));
        }

        [Fact]
        public void Dates_of_one_subject_move_together_by_a_nonzero_bounded_offset()
        {
            using MinimizationContext context = Context();
            var sent = new DateTime(2024, 3, 7, 10, 30, 0);
            var opened = new DateOnly(2020, 1, 15);
            var offsets = new HashSet<double>();
            for (int i = 0; i < 40; i++)
            {
                string account = "ACCT-" + i;
                object shared = Minimize(NewEmail(account, sent, opened), context);
                var shiftedSent = (DateTime)Get(shared, "Sent")!;
                var shiftedOpened = (DateOnly)Get(shared, "AccountOpened")!;

                double days = (shiftedSent - sent).TotalDays;
                Assert.Equal(Math.Round(days), days);
                Assert.InRange(Math.Abs(days), 1, 30);
                Assert.Equal(days, shiftedOpened.DayNumber - opened.DayNumber);
                offsets.Add(days);

                // Another record of the same subject, another day: the same offset.
                object later = Minimize(NewEmail(account, sent.AddDays(40)), context);
                Assert.Equal(days, ((DateTime)Get(later, "Sent")! - sent.AddDays(40)).TotalDays);
            }

            Assert.True(offsets.Count > 10, "offsets should vary across subjects, got " + string.Join(",", offsets));
        }

        [Fact]
        public void Date_offsets_differ_across_partners_and_a_missing_subject_gives_null()
        {
            using MinimizationContext uk = Context("UK");
            using MinimizationContext fr = Context("FR");
            var sent = new DateTime(2024, 3, 7);
            int differing = Enumerable.Range(0, 20)
                .Count(i => !Equals(Get(Minimize(NewEmail("ACCT-" + i, sent), uk), "Sent"), Get(Minimize(NewEmail("ACCT-" + i, sent), fr), "Sent")));
            Assert.True(differing >= 15, differing + " of 20 subjects had different offsets");

            object shared = Minimize(NewEmail("", sent, new DateOnly(2020, 1, 1)), uk);
            Assert.Null(Get(shared, "Sent"));
            Assert.Null(Get(shared, "AccountOpened"));
        }

        [Fact]
        public void Pseudonymize_without_a_rotation_rotates_daily()
        {
            string text = TestCompilation.GeneratedText("""
                using Minimization;
                [IdentityBearing, GenerateMinimizer]
                public partial class Call { [IdentityBearing(IdentityCategory.Phone), Pseudonymize] public string Caller { get; set; } = ""; }
                """);
            Assert.Contains("global::Minimization.KeyRotation.Daily)", text);
            Assert.Contains("the key changes every UTC day", text);
        }
    }
}
