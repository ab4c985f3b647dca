using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Minimization.Testing.Checks;
using Xunit;

namespace Minimization.Testing.Tests.Checks
{
    /// <summary>The pass over every record (compiled leaf writer, normal forms without allocating) agrees with the object-graph walk.</summary>
    public class LeafTextTests
    {
        public enum Plan
        {
            Short,
            Long,
        }

        public sealed record Flat(
            string? Token, int Bucket, long Big, double Ratio, decimal Amount, bool Flag, char Letter, Plan Plan, DateTime At,
            DateTimeOffset Offset, DateOnly Day, TimeOnly Time, TimeSpan Span, Guid Id, int? Maybe, DateTime? MaybeAt, Plan? MaybePlan)
        {
            public string PublicField = "Café-ÉTÉ 42";
        }

        public sealed record Nested(string Token, Flat Inner);

        public sealed record WithAddress(string Token, IPAddress Address);

        public sealed record Throws(string Token)
        {
            public string Broken => throw new InvalidOperationException("no");
        }

        private static (string Raw, string Compact) FromLeaves(object? output)
        {
            List<Leaf> leaves = ObjectGraph.Leaves(output);
            return (
                string.Concat(leaves.Select(l => l.Text + "\u0001")),
                string.Concat(leaves.Select(l => ObjectText.Compact(l.Text) + "\u0001")));
        }

        public static IEnumerable<object?[]> Outputs()
        {
            var at = new DateTime(2026, 11, 2, 13, 45, 7, 123, DateTimeKind.Utc);
            yield return new object?[] { new Flat("9F3A-bc12", 7, -12025550143, 0.1, 12.50m, true, 'Q', Plan.Long, at, new DateTimeOffset(at), new DateOnly(2026, 11, 2), new TimeOnly(13, 45, 7), TimeSpan.FromMinutes(90), Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), 3, at, Plan.Short) };
            yield return new object?[] { new Flat(null, 0, 0, double.NaN, 0m, false, 'é', Plan.Short, default, default, default, default, default, default, null, null, null) };
            yield return new object?[] { "a bare string 613-555-0143" };
            yield return new object?[] { 12025550143L };
            yield return new object?[] { null };
        }

        [Theory]
        [MemberData(nameof(Outputs))]
        public void The_compiled_writer_gives_the_texts_of_the_object_graph_walk(object? output)
        {
            var text = new LeafText();
            Assert.True(text.TryWrite(output));
            var (raw, compact) = FromLeaves(output);
            Assert.Equal(raw, text.Raw.ToString());
            Assert.Equal(compact, text.Compact.ToString());
        }

        [Fact]
        public void Outputs_the_writer_does_not_handle_fall_back_to_the_walk()
        {
            var text = new LeafText();
            Assert.False(text.TryWrite(new Nested("t", new Flat("x", 1, 2, 3, 4, true, 'c', Plan.Long, default, default, default, default, default, default, null, null, null))));
            Assert.False(text.TryWrite(new WithAddress("t", IPAddress.Loopback)));
            Assert.False(text.TryWrite(new List<string> { "a" }));
            Assert.False(text.TryWrite(new Throws("t")));
            Assert.Equal(0, text.Raw.Length);
        }

        [Theory]
        [InlineData(IdentityCategory.Phone, "(202) 555-0143")]
        [InlineData(IdentityCategory.Phone, " +1 202.555.0143 ")]
        [InlineData(IdentityCategory.Phone, "555-01")]
        [InlineData(IdentityCategory.Email, "Jane.Doe+news@Example.COM")]
        [InlineData(IdentityCategory.Email, "   ")]
        [InlineData(IdentityCategory.Imei, "35-209900-176148-1")]
        [InlineData(IdentityCategory.Sin, "046 454 286")]
        [InlineData(IdentityCategory.Imsi, "1234567")]
        [InlineData(IdentityCategory.Name, "Zoë O'Brien-Smith")]
        [InlineData(IdentityCategory.PostalCode, "K1A 0B1")]
        [InlineData(IdentityCategory.Mac, "00:1A:2b:3C:4d:5E")]
        [InlineData("loyalty-card", "LC-0042-7781")]
        [InlineData("loyalty-card", "AB-12")]
        public void The_normal_form_without_allocating_equals_the_normal_form(string category, string value)
        {
            var expected = IdentifierVariants.NormalForm(category, value);
            var destination = new char[value.Length];
            IdentifierVariants.FormResult result = IdentifierVariants.NormalForm(category, value, destination, out int length);
            if (expected == null)
            {
                Assert.Equal(IdentifierVariants.FormResult.None, result);
                return;
            }

            Assert.Equal(expected.Value.Compact ? IdentifierVariants.FormResult.Compact : IdentifierVariants.FormResult.Raw, result);
            Assert.Equal(expected.Value.Text, new string(destination, 0, length));
        }

        [Theory]
        [InlineData(IdentityCategory.IpAddress, "203.0.113.7")]
        [InlineData(IdentityCategory.DateOfBirth, "1984-02-29")]
        public void Categories_parsed_into_an_object_are_left_to_the_normal_form(string category, string value)
            => Assert.Equal(IdentifierVariants.FormResult.Unsupported, IdentifierVariants.NormalForm(category, value, new char[value.Length], out _));
    }
}
