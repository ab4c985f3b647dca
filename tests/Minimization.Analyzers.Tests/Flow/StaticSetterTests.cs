using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A static property whose setter has a body is a call of that setter, as an instance one is: what the body stores (an
    /// ambient holder's backing field) holds what was assigned, minimized or not, and a later read of the field sees it.
    /// </summary>
    public sealed class StaticSetterTests
    {
        private const string Types = SmallProgram.Types;

        [Fact]
        public Task The_email_assigned_to_a_static_setter_reaches_the_send_of_its_backing_field() => Check(Types + """
            static class Ambient
            {
                private static string _current = "";
                public static string Current { get => _current; set { _current = value; } }
                public static void Flush() { Partner.Send({|#0:_current|}); }
            }

            static class Loader
            {
                public static void Load(Member m) { Ambient.Current = m.Email; }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_static_setter_that_hashes_what_it_is_given_keeps_its_backing_field_clean() => Check(Types + """
            static class Ambient
            {
                private static string _current = "";
                public static string Current { get => _current; set => _current = Mask.Hash(value); }
                public static void Flush() { Partner.Send(_current); }
            }

            static class Loader
            {
                public static void Load(Member m) { Ambient.Current = m.Email; }
            }
            """, withPrelude: false);

        [Fact]
        public Task The_email_read_back_through_a_static_getter_after_the_setter_stored_it_is_reported() => Check(Types + """
            static class Ambient
            {
                private static string _current = "";
                public static string Current { get => _current; set { _current = value.Trim(); } }
            }

            static class Loader
            {
                public static void Load(Member m) { Ambient.Current = m.Email; }
                public static void Flush() { Partner.Send({|#0:Ambient.Current|}); }
            }
            """, withPrelude: false, Min001(0));
    }
}
