using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Minimization.Generators.Tests.Infrastructure;
using Minimization.Runtime;
using Xunit;

namespace Minimization.Generators.Tests.Generator
{
    /// <summary>A derived type's minimizer covers what it inherits from its source base types.</summary>
    public class InheritanceTests
    {
        internal const string Shop = """
            using System;
            using Minimization;

            namespace Shop
            {
                [IdentityBearing]
                public abstract class Person
                {
                    [IdentityBearing(IdentityCategory.Email), Pseudonymize] public string Email { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Name), Drop] public string Name { get; set; } = "";
                    [NonIdentifying, Bucket(10)] protected int Age { get; set; }
                    [Drop] private string secret = "";
                    public virtual string Note => secret;
                    [NonIdentifying, Keep] public virtual string Plan { get; set; } = "";
                }

                [GenerateMinimizer]
                public partial class Customer : Person
                {
                    [NonIdentifying, Keep] public string Tier { get; set; } = "";
                    [Drop] public override string Note => "";
                    public override string Plan { get; set; } = "";
                    public void SetAge(int age) => Age = age;
                }

                [IdentityBearing]
                public record Call([IdentityBearing(IdentityCategory.Phone)][Pseudonymize] string Caller, [property: NonIdentifying][Bucket(60)] TimeSpan Duration);

                [GenerateMinimizer]
                public partial record RoamingCall(string Caller, TimeSpan Duration, [property: NonIdentifying][Keep] string Country) : Call(Caller, Duration);
            }
            """;

        [Fact]
        public void Derived_types_minimize_the_members_they_inherit_with_the_policies_declared_on_them()
        {
            (Compilation output, ImmutableArray<GeneratedSourceResult> generated) = TestCompilation.Generate(TestCompilation.Create(Shop));
            Assert.Empty(TestCompilation.Problems(output));
            Assert.Equal(2, generated.Length);

            INamedTypeSymbol customer = output.GetTypeByMetadataName("Shop.MinimizedCustomer")!;
            Assert.Equal(new[] { "Email", "Age", "Tier", "Plan" }, PropertyNames(customer));
            string text = generated.Single(g => g.HintName == "Shop.Customer.Minimizer.g.cs").SourceText.ToString();
            Assert.Contains("/// <remarks>Dropped: <c>Name</c>, <c>secret</c>, <c>Note</c>.</remarks>", text);

            INamedTypeSymbol roaming = output.GetTypeByMetadataName("Shop.MinimizedRoamingCall")!;
            Assert.Equal(new[] { "Caller", "Duration", "Country" }, PropertyNames(roaming));
        }

        [Fact]
        public void Inherited_members_are_minimized_at_run_time()
        {
            Assembly assembly = TestCompilation.Load(TestCompilation.Generate(TestCompilation.Create(Shop)).Output);
            Type customerType = assembly.GetType("Shop.Customer")!;
            object customer = Activator.CreateInstance(customerType)!;
            customerType.GetProperty("Email")!.SetValue(customer, "ada@example.org");
            customerType.GetProperty("Name")!.SetValue(customer, "Ada");
            customerType.GetProperty("Tier")!.SetValue(customer, "gold");
            customerType.GetMethod("SetAge")!.Invoke(customer, new object[] { 37 });

            var context = new MinimizationContext("UK", new DerivedKeyProvider(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
            object shared = assembly.GetType("Shop.CustomerMinimizationExtensions")!.GetMethod("Minimize")!.Invoke(null, new[] { customer, context })!;

            Assert.Matches("^[0-9a-f]{32}$", (string)shared.GetType().GetProperty("Email")!.GetValue(shared)!);
            Assert.Equal(30L, shared.GetType().GetProperty("Age")!.GetValue(shared));
            Assert.Equal("gold", shared.GetType().GetProperty("Tier")!.GetValue(shared));
            Assert.Null(shared.GetType().GetProperty("Name"));
        }

        [Fact]
        public void An_inherited_member_without_a_policy_is_left_out()
        {
            const string source = """
                using Minimization;

                namespace Shop
                {
                    [IdentityBearing]
                    public class Person
                    {
                        [Drop] public string Name { get; set; } = "";
                        public string Phone { get; set; } = "";
                    }

                    [GenerateMinimizer]
                    public partial class Customer : Person
                    {
                        [NonIdentifying, Keep] public string Tier { get; set; } = "";
                    }
                }
                """;
            (Compilation output, _) = TestCompilation.Generate(TestCompilation.Create(source));

            Assert.Equal(new[] { "Tier" }, PropertyNames(output.GetTypeByMetadataName("Shop.MinimizedCustomer")!));
        }

        private static string[] PropertyNames(INamedTypeSymbol type)
            => type.GetMembers().OfType<IPropertySymbol>().Where(p => !p.IsImplicitlyDeclared && p.Name != "EqualityContract").Select(p => p.Name).ToArray();
    }
}
