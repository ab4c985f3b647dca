using System.Threading.Tasks;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// Reading 3 through a setter method: identity that a method of the object stores into its own member from a parameter
    /// (<c>SetText(string t) => _text = t</c>) and that another method of the object sends is reported inside, at that
    /// method's sink, never at the receiver of the call that sends it. The member's value is what the setter's direct callers
    /// pass; a method that updates the member from its own state is not a setter.
    /// </summary>
    public sealed class SetterMethodTests
    {
        private const string Types = """
            using Minimization;

            sealed class Patient
            {
                [IdentityBearing("name")] public string FullName { get; set; } = "";
                public string Ward { get; set; } = "";
            }

            static class Lab
            {
                [PartnerShare("Lab")] public static void Submit(string text) { }
            }

            static class Privacy
            {
                [Minimizer] public static string Initials(string name) => "x";
            }
            """;

        [Fact]
        public Task A_member_set_by_a_setter_method_is_reported_at_the_sink_inside_not_at_the_receiver() => Check(Types + """

            sealed class Note
            {
                private string _text = "";
                public void SetText(string text) => _text = text;
                public void Fax() => Lab.Submit({|#0:_text|});
            }

            sealed class Discharge
            {
                public void Run(Patient p, Note note)
                {
                    note.SetText(p.FullName);
                    note.Fax();
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_member_set_by_a_setter_method_only_with_clean_or_minimized_values_is_clean() => Check(Types + """

            sealed class Note
            {
                private string _text = "";
                public void SetText(string text) => _text = text;
                public void Fax() => Lab.Submit(_text);
            }

            sealed class Discharge
            {
                public void Run(Patient p, Note note)
                {
                    note.SetText(p.Ward);
                    note.Fax();
                    note.SetText(Privacy.Initials(p.FullName));
                    note.Fax();
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task A_setter_method_that_builds_the_stored_text_from_its_parameter_is_a_setter_too() => Check(Types + """

            sealed class Note
            {
                private string _text = "";
                public void Address(string name, string ward) { _text = "Dear " + name + " (" + ward + ")"; }
                public void Fax() => Lab.Submit({|#0:_text|});
            }

            sealed class Discharge
            {
                public void Run(Patient p)
                {
                    var note = new Note();
                    note.Address(p.FullName, p.Ward);
                    note.Fax();
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_custom_property_setter_storing_into_a_field_is_reported_where_the_field_is_sent() => Check(Types + """

            sealed class Note
            {
                private string _text = "";
                public string Text { get => _text; set { _text = value.Trim(); } }
                public void Fax() => Lab.Submit({|#0:_text|});
            }

            sealed class Discharge
            {
                public void Run(Patient p, Note note)
                {
                    note.Text = p.FullName;
                    note.Fax();
                }
            }
            """, withPrelude: false, Min001(0));

        [Fact]
        public Task A_method_that_updates_the_member_from_its_own_state_passes_nothing_from_its_callers() => Check(Types + """

            sealed class Note
            {
                private string _text = "";
                private int _count;
                public void Touch(string reason) { _count++; _text = "touched " + _count; }
                public void Fax() => Lab.Submit(_text);
            }

            sealed class Discharge
            {
                public void Run(Patient p, Note note)
                {
                    note.Touch(p.FullName);
                    note.Fax();
                }
            }
            """, withPrelude: false);

        [Fact]
        public Task A_setter_method_of_another_type_with_the_same_member_name_does_not_fill_this_one() => Check(Types + """

            sealed class Note
            {
                private string _text = "";
                public void SetText(string text) => _text = text;
                public void Fax() => Lab.Submit(_text);
            }

            sealed class Draft
            {
                private string _text = "";
                public void SetText(string text) => _text = text;
                public string Preview() => _text;
            }

            sealed class Discharge
            {
                public void Run(Patient p, Note note, Draft draft)
                {
                    draft.SetText(p.FullName);
                    note.SetText(p.Ward);
                    note.Fax();
                }
            }
            """, withPrelude: false);
    }
}
