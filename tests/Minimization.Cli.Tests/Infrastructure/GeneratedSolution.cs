using System;
using System.IO;
using Minimization.Tests.Shared;

namespace Minimization.Cli.Tests.Infrastructure
{
    /// <summary>
    /// A small solution written for the audit, restored once: minimized flows, a violation, every kind of suppression
    /// (justified and not), a project with compile errors, one without annotations, and one whose project file is broken.
    /// </summary>
    public static class GeneratedSolution
    {
        public const string Solution = "Audited.slnx";

        public static void Write(string dir)
        {
            File.WriteAllText(Path.Combine(dir, Solution), """
                <Solution>
                  <Project Path="Shop/Shop.csproj" />
                  <Project Path="Legacy/Legacy.csproj" />
                  <Project Path="Vendor/Vendor.csproj" />
                  <Project Path="Uncompilable/Uncompilable.csproj" />
                  <Project Path="Plain/Plain.csproj" />
                  <Project Path="Broken/Broken.csproj" />
                </Solution>
                """);

            Project(dir, "Shop", string.Empty, """
                using System.Diagnostics.CodeAnalysis;

                namespace Shop;

                public static class Sharing
                {
                    public static void Minimized(Customer c)
                    {
                        Ads.Send(Minimizers.Hash(c.Email));
                        Courier.Send(Minimizers.Prefix(c.PostalCode));
                    }

                    public static void Leak(Customer c) => Ads.Send(c.Phone);

                    public static void Pragma(Customer c)
                    {
                #pragma warning disable MIN001 // The courier calls the customer to arrange the delivery
                        Courier.Send(c.Phone);
                #pragma warning restore MIN001
                    }

                    [SuppressMessage("Minimization", "MIN001")]
                    public static void Attribute(Customer c) => Courier.Send(c.Name);
                }
                """);

            Project(dir, "Legacy", string.Empty, """
                namespace Legacy;

                public static class Export
                {
                    public static void Nightly(Customer c) => Ads.Send(c.Email);
                }
                """);
            File.WriteAllText(Path.Combine(dir, "Legacy", ".editorconfig"), """
                root = true

                [*.cs]
                # A comment is no justification: the compiler does not pass it to MIN013.
                dotnet_diagnostic.MIN001.severity = none
                minimization.MIN001.justification = Legacy export, retired in Q3: the ad network deletes it on receipt (DPA-2026-07)
                """);

            Project(dir, "Vendor", "    <!-- The vendor's feed: an XML comment is no justification either -->\n    <NoWarn>$(NoWarn);MIN001</NoWarn>\n    <NoWarn>$(NoWarn);MIN002</NoWarn>\n", """
                namespace Vendor;

                public static class Feed
                {
                    public static void Push(Customer c) => Courier.Send(c.PostalCode);
                }
                """);

            // A globalconfig gives NoWarn of MIN002 its reason, the way MIN013 reads it.
            File.WriteAllText(Path.Combine(dir, "Vendor", ".globalconfig"), """
                is_global = true
                minimization.MIN002.justification = The vendor's own partner list is reviewed with the vendor each quarter (VND-2026-03)
                """);

            Project(dir, "Uncompilable", string.Empty, """
                namespace Uncompilable;

                public static class Half
                {
                    public static void Done(Customer c) => Ads.Send(c.Name);

                    public static void NotYet(Customer c) => Ads.Send(MissingHelper(c));
                }
                """);

            Directory.CreateDirectory(Path.Combine(dir, "Plain"));
            File.WriteAllText(Path.Combine(dir, "Plain", "Plain.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(dir, "Plain", "Calc.cs"), "namespace Plain;\n\npublic static class Calc\n{\n    public static int Twice(int x) => x * 2;\n}\n");

            Directory.CreateDirectory(Path.Combine(dir, "Broken"));
            File.WriteAllText(Path.Combine(dir, "Broken", "Broken.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net10.0\n");
        }

        public const string ManySolution = "Many.slnx";

        /// <summary>
        /// A solution of <paramref name="count"/> tiny projects, each with one leak to a partner of its own, restored in one go.
        /// The audit loads projects one after another through MSBuild's design-time build (about 1 s each on a loaded
        /// 2-core machine); docs/audit.md has the figure for 1,000.
        /// </summary>
        public static void WriteMany(string dir, int count)
        {
            var solution = new System.Text.StringBuilder("<Solution>\n");
            for (var i = 0; i < count; i++)
            {
                var name = "P" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
                Project(dir, name, string.Empty, $$"""
                    namespace {{name}};

                    public static class Flow
                    {
                        public static void Leak(Customer c) => Ads.Send(c.Phone);
                    }
                    """);
                solution.Append("  <Project Path=\"").Append(name).Append('/').Append(name).Append(".csproj\" />\n");
            }

            File.WriteAllText(Path.Combine(dir, ManySolution), solution.Append("</Solution>\n").ToString());
            var (code, output) = NestedDotnet.Run(dir, "restore " + ManySolution, TimeSpan.FromMinutes(10), Path.Combine(dir, ".packages"));
            if (code != 0)
            {
                throw new InvalidOperationException("restore failed:\n" + output);
            }
        }

        /// <summary>Restores the solution (no package is needed: a private, empty package folder proves it).</summary>
        public static void Restore(string dir)
        {
            var packages = Path.Combine(dir, ".packages");
            foreach (var project in new[] { "Shop", "Legacy", "Vendor", "Uncompilable", "Plain" })
            {
                var (code, output) = NestedDotnet.Run(dir, $"restore {project}/{project}.csproj", TimeSpan.FromMinutes(3), packages);
                if (code != 0)
                {
                    throw new InvalidOperationException("restore failed:\n" + output);
                }
            }
        }

        private static void Project(string dir, string name, string extraProperties, string code)
        {
            var folder = Path.Combine(dir, name);
            Directory.CreateDirectory(folder);
            var annotations = Repo.Path("src", "Minimization.Annotations", "bin", Repo.Configuration, "netstandard2.0", "Minimization.Annotations.dll");
            File.WriteAllText(Path.Combine(folder, name + ".csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                {extraProperties}  </PropertyGroup>
                  <ItemGroup>
                    <Reference Include="Minimization.Annotations" HintPath="{annotations}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(folder, "Model.cs"), $$"""
                using Minimization;

                namespace {{name}};

                public sealed class Customer
                {
                    [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                    [IdentityBearing(IdentityCategory.PostalCode)] public string PostalCode { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Name)] public string Name { get; set; } = "";
                    public int Orders { get; set; }
                }

                public static class Ads
                {
                    [PartnerShare("AdNetwork")] public static void Send(string payload) { }
                }

                public static class Courier
                {
                    [PartnerShare("Courier")] public static void Send(string payload) { }
                }

                public static class Minimizers
                {
                    [Minimizer] public static string Hash(string value) => value.Length.ToString();
                    [Minimizer] public static string Prefix(string postalCode) => postalCode.Substring(0, 3);
                }
                """);
            File.WriteAllText(Path.Combine(folder, name + ".cs"), code);
        }
    }
}
