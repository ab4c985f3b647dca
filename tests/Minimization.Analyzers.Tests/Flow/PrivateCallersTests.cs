using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// The callers of a private method are looked for inside its type only (nested types included): what they pass is what
    /// the fields it writes hold. Calls of the same name elsewhere bind to other methods and change nothing; an explicit
    /// interface implementation, private in C#, is still called through its interface from anywhere.
    /// </summary>
    public sealed class PrivateCallersTests
    {
        private const string Types = SmallProgram.Types;

        [Fact]
        public Task A_private_writer_called_in_its_type_with_the_email_fills_the_field_that_is_sent() => Check(Types + """
            sealed class Holder
            {
                private string _value = "";
                private void Set(string value) { _value = value; }
                public void Take(Member m) { Set(m.Email); }
                public void Flush() { Partner.Send({|#0:_value|}); }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_private_writer_called_from_a_class_nested_in_its_type_fills_the_field_that_is_sent() => Check(Types + """
            sealed class Holder
            {
                private static string _value = "";
                private static void Set(string value) { _value = value; }
                public static void Flush() { Partner.Send({|#0:_value|}); }

                public sealed class Loader
                {
                    public void Load(Member m) { Set(m.Email); }
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_private_writer_given_a_hash_stays_clean_beside_a_public_method_of_the_same_name_given_the_email() => Check(Types + """
            sealed class Holder
            {
                private string _value = "";
                private void Set(string value) { _value = value; }
                public void Take(Member m) { Set(Mask.Hash(m.Email)); }
                public void Flush() { Partner.Send(_value); }
            }

            sealed class Other
            {
                private string _kept = "";
                public void Set(string value) { _kept = value; }
                public int Length => _kept.Length;
                public static Other Make(Member m) { var o = new Other(); o.Set(m.Email); return o; }
            }
            """, withPrelude: false);

        [Fact]
        public Task An_explicit_interface_implementation_called_through_the_interface_from_another_class_fills_the_field_that_is_sent() => Check(Types + """
            interface ISink { void Set(string value); }

            sealed class Holder : ISink
            {
                private static string _value = "";
                void ISink.Set(string value) { _value = value; }
                public static void Flush() { Partner.Send({|#0:_value|}); }
            }

            static class Loader
            {
                public static void Load(ISink sink, Member m) { sink.Set(m.Email); }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task An_explicit_interface_property_setter_assigned_through_the_interface_from_another_class_fills_the_field_that_is_sent() => Check(Types + """
            interface ISink { string Value { set; } }

            sealed class Holder : ISink
            {
                private static string _value = "";
                string ISink.Value { set { _value = value; } }
                public static void Flush() { Partner.Send({|#0:_value|}); }
            }

            static class Loader
            {
                public static void Load(ISink sink, Member m) { sink.Value = m.Email; }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task An_interface_property_whose_implementation_hashes_in_its_setter_keeps_the_field_clean() => Check(Types + """
            interface ISink { string Value { set; } }

            sealed class Holder : ISink
            {
                private static string _value = "";
                public string Value { set { _value = Mask.Hash(value); } }
                public static void Flush() { Partner.Send(_value); }
            }

            static class Loader
            {
                public static void Load(ISink sink, Member m) { sink.Value = m.Email; }
            }
            """, withPrelude: false);

        [Fact]
        public Task An_interface_property_implemented_by_an_automatic_property_still_holds_what_was_assigned() => Check(Types + """
            interface ISink { string Value { get; set; } }

            sealed class Holder : ISink
            {
                public string Value { get; set; } = "";
            }

            static class Loader
            {
                public static void Load(ISink sink, Member m)
                {
                    sink.Value = m.Email;
                    Partner.Send({|#0:sink.Value|});
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_virtual_automatic_property_overridden_with_a_setter_body_fills_the_field_that_is_sent() => Check(Types + """
            class Sink
            {
                public virtual string Value { get; set; } = "";
            }

            sealed class Holder : Sink
            {
                private static string _value = "";
                public override string Value { get => _value; set { _value = value; } }
                public static void Flush() { Partner.Send({|#0:_value|}); }
            }

            static class Loader
            {
                public static void Load(Sink sink, Member m) { sink.Value = m.Email; }
            }
            """, withPrelude: false, Min001(0));
    }
}
