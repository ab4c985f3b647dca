using System;
using System.Collections.Generic;
using System.Linq;
using Minimization.Testing.Populations;
using Xunit;
using Xunit.Abstractions;
using static Minimization.Testing.Tests.RedTeam.TeamSpecs;

namespace Minimization.Testing.Tests.RedTeam
{
    /// <summary>
    /// Every bad minimizer of the zoo, run through the team's spec for its output, fails the property that names its real
    /// flaw, and that property's finding names the identifier it is about.
    /// </summary>
    public class BadZooTests
    {
        private readonly ITestOutputHelper _output;

        public BadZooTests(ITestOutputHelper output)
        {
            _output = output;
        }

        private sealed record Case(Func<HarnessReport> Run, FindingKind Flaw, string Names);

        private static readonly Dictionary<string, Case> Cases = new Dictionary<string, Case>(StringComparer.Ordinal)
        {
            // The identifier survives in some form.
            ["msisdn kept verbatim"] = new Case(() => Identity(BadMinimizers.MsisdnVerbatim).Evaluate(Seed), FindingKind.IdentifierSurvives, "SubscriberFile.Msisdn"),
            ["msisdn rewritten as +1 with dashes"] = new Case(() => Identity(BadMinimizers.MsisdnAsE164).Evaluate(Seed), FindingKind.IdentifierSurvives, "SubscriberFile.Msisdn"),
            ["msisdn grouped with spaces"] = new Case(() => Identity(BadMinimizers.MsisdnSpaced).Evaluate(Seed), FindingKind.IdentifierSurvives, "SubscriberFile.Msisdn"),
            ["e-mail upper-cased"] = new Case(() => Identity(BadMinimizers.EmailUpperCased).Evaluate(Seed), FindingKind.IdentifierSurvives, "SubscriberFile.Email"),
            ["msisdn digits reversed"] = new Case(() => Identity(BadMinimizers.MsisdnReversed).Evaluate(Seed), FindingKind.IdentifierSurvives, "SubscriberFile.Msisdn, record #0) survives reversed"),
            ["e-mail in Base64"] = new Case(() => Identity(BadMinimizers.EmailBase64).Evaluate(Seed), FindingKind.IdentifierSurvives, "SubscriberFile.Email"),
            ["imsi text in hex"] = new Case(() => Identity(BadMinimizers.ImsiHex).Evaluate(Seed), FindingKind.IdentifierSurvives, "SubscriberFile.Imsi"),
            ["e-mail URL-encoded"] = new Case(() => Identity(BadMinimizers.EmailUrlEncoded).Evaluate(Seed), FindingKind.IdentifierSurvives, "URL-encoded"),
            ["e-mail inside a JSON blob"] = new Case(() => Export(BadMinimizers.EmailInJsonNotes).Evaluate(Seed), FindingKind.IdentifierSurvives, "SubscriberFile.Email"),
            ["msisdn in a nested member"] = new Case(() => Export(BadMinimizers.PhoneInNestedContact).Evaluate(Seed), FindingKind.IdentifierSurvives, "SubscriberFile.Msisdn"),
            ["imei in a list"] = new Case(() => Export(BadMinimizers.ImeiInDeviceList).Evaluate(Seed), FindingKind.IdentifierSurvives, "SubscriberFile.Imei"),
            ["ipv4 in a dictionary"] = new Case(() => Export(BadMinimizers.IPv4InAttributes).Evaluate(Seed), FindingKind.IdentifierSurvives, "SubscriberFile.IPv4"),
            ["ipv6 written out in full"] = new Case(() => Identity(BadMinimizers.IPv6Expanded).Evaluate(Seed), FindingKind.IdentifierSurvives, "SubscriberFile.IPv6"),
            ["name as LAST, First"] = new Case(() => Identity(BadMinimizers.NameLastFirst).Evaluate(Seed), FindingKind.IdentifierSurvives, "SubscriberFile.FullName"),
            ["account number inside a longer string"] = new Case(() => Identity(BadMinimizers.AccountInReference).Evaluate(Seed), FindingKind.IdentifierSurvives, "SubscriberFile.AccountNumber"),

            ["msisdn of a nested subscriber kept"] = new Case(() => UsageTraces(MinimizerSpec.For<UsageEvent, PartnerEvent>(BadMinimizers.NestedMsisdnKept)).Evaluate(Seed), FindingKind.IdentifierSurvives, "UsageEvent.Subscriber.Msisdn"),
            ["a value object passed on"] = new Case(() => Lines(MinimizerSpec.For<MobileLine, SharedLine>(BadMinimizers.ValueObjectKept)).Evaluate(Seed), FindingKind.IdentifierSurvives, "MobileLine.Number"),
            ["e-mail in a CSV line"] = new Case(() => Identity(MinimizerSpec.For<SubscriberFile, string>(BadMinimizers.CsvLine)).Evaluate(Seed), FindingKind.IdentifierSurvives, "SubscriberFile.Email"),

            // An unkeyed or publicly salted hash: the attacker enumerates the small space.
            ["SHA-256 salted with the partner's name"] = new Case(() => Identity(BadMinimizers.PhoneSaltedWithPartnerName).Evaluate(Seed), FindingKind.Enumeration, "SubscriberFile.Msisdn"),
            ["HMAC keyed with the partner's name"] = new Case(() => Identity(BadMinimizers.HmacKeyedWithPartnerName).Evaluate(Seed), FindingKind.Enumeration, "SubscriberFile.Email"),
            ["msisdn digits shifted"] = new Case(() => Identity(BadMinimizers.MsisdnDigitsShifted).Evaluate(Seed), FindingKind.Enumeration, "SubscriberFile.Msisdn"),
            ["SHA-256 of a value object's number"] = new Case(() => Lines(MinimizerSpec.For<MobileLine, SharedLine>(BadMinimizers.ValueObjectSha256)).Evaluate(Seed), FindingKind.Enumeration, "MobileLine.Number"),
            ["MD5 of a nested subscriber's e-mail"] = new Case(() => UsageTraces(MinimizerSpec.For<UsageEvent, PartnerEvent>(BadMinimizers.NestedEmailMd5)).Evaluate(Seed), FindingKind.Enumeration, "UsageEvent.Subscriber.Emails[0]"),
            ["SHA-1 of the msisdn"] = new Case(() => Identity(BadMinimizers.PhoneSha1).Evaluate(Seed), FindingKind.Enumeration, "SubscriberFile.Msisdn"),
            ["MD5 of the e-mail in Base64"] = new Case(() => Identity(BadMinimizers.EmailMd5).Evaluate(Seed), FindingKind.Enumeration, "SubscriberFile.Email"),
            ["truncated SHA-256 of the ipv4"] = new Case(() => Identity(BadMinimizers.IPv4Sha256Truncated).Evaluate(Seed), FindingKind.Enumeration, "SubscriberFile.IPv4"),
            ["publicly salted SHA-256 of the imsi"] = new Case(() => Identity(BadMinimizers.ImsiPubliclySalted).Evaluate(Seed), FindingKind.Enumeration, "SubscriberFile.Imsi"),
            ["truncated Base64 SHA-256 of the E.164 msisdn"] = new Case(() => Identity(BadMinimizers.PhoneSha256Base64).Evaluate(Seed), FindingKind.Enumeration, "SubscriberFile.Msisdn"),
            ["SHA-1 of the account number"] = new Case(() => Identity(BadMinimizers.AccountSha1).Evaluate(Seed), FindingKind.Enumeration, "SubscriberFile.AccountNumber"),
            ["HMAC with a key written in the code"] = new Case(() => Identity(BadMinimizers.EmailHmacHardCodedKey).Evaluate(Seed), FindingKind.Enumeration, "SubscriberFile.Email"),

            // The same pseudonym for every partner.
            ["one key for every partner"] = new Case(() => Identity(BadMinimizers.SameKeyForEveryPartner).Evaluate(Seed), FindingKind.Linkable, "SubscriberFile.Msisdn"),
            ["a network-wide pseudonym"] = new Case(() => Identity(BadMinimizers.NetworkWidePseudonym).Evaluate(Seed), FindingKind.Linkable, "SubscriberFile.AccountNumber"),
            ["a pseudonym table shared by every partner"] = new Case(() => Identity(BadMinimizers.SharedPseudonymTable()).Evaluate(Seed), FindingKind.Linkable, "SubscriberFile.AccountNumber"),
            ["a daily key without the partner"] = new Case(() => TeamSpecs.Traces(BadMinimizers.DailyKeyWithoutPartner).Evaluate(Seed), FindingKind.Linkable, "NetworkEvent.Msisdn"),

            // Part of the identifier kept, enough to single its subject out.
            ["first 9 of 10 digits"] = new Case(() => Identity(BadMinimizers.PhoneFirstNine).Evaluate(Seed), FindingKind.PartialIdentifier, "SubscriberFile.Msisdn"),
            ["last 7 of 10 digits"] = new Case(() => Identity(BadMinimizers.PhoneLastSeven).Evaluate(Seed), FindingKind.PartialIdentifier, "SubscriberFile.Msisdn"),
            ["e-mail local part"] = new Case(() => Identity(BadMinimizers.EmailLocalPart).Evaluate(Seed), FindingKind.PartialIdentifier, "SubscriberFile.Email"),
            ["ipv4 /24 where each subscriber has their own"] = new Case(() => Identity(BadMinimizers.IPv4Slash24).Evaluate(Population.From(StaticAddressCustomers())), FindingKind.PartialIdentifier, "SubscriberFile.IPv4"),
            ["ipv6 /64"] = new Case(() => Identity(BadMinimizers.IPv6Slash64).Evaluate(Seed), FindingKind.PartialIdentifier, "SubscriberFile.IPv6"),
            ["ipv6 /64 and most of the interface id"] = new Case(() => Identity(BadMinimizers.IPv6Slash112).Evaluate(Seed), FindingKind.PartialIdentifier, "SubscriberFile.IPv6"),
            ["imsi without its network code"] = new Case(() => Identity(BadMinimizers.ImsiMsin).Evaluate(Seed), FindingKind.PartialIdentifier, "SubscriberFile.Imsi"),
            ["five of six postal code characters"] = new Case(() => Demography(BadMinimizers.PostalFiveCharacters, Subscribers()).Evaluate(Seed), FindingKind.PartialIdentifier, "SubscriberFile.PostalCode"),

            // Quasi-identifiers that are not k-anonymous.
            ["birth date, postal code and gender"] = new Case(() => Demography(BadMinimizers.BirthDatePostalGender).Evaluate(Seed), FindingKind.KAnonymity, "class {"),
            ["coarse area with the exact birth date"] = new Case(() => Demography(BadMinimizers.AreaAndExactBirthDate).Evaluate(Seed), FindingKind.KAnonymity, "class {"),
            ["one-year birth buckets"] = new Case(() => Demography(BadMinimizers.BirthYearBuckets).Evaluate(Seed), FindingKind.KAnonymity, "class {"),
            ["rare areas kept"] = new Case(() => Demography(BadMinimizers.RareAreasKept).Evaluate(Seed), FindingKind.KAnonymity, "class {"),
            ["five-year birth bands"] = new Case(() => Demography(BadMinimizers.FiveYearBands).Evaluate(Seed), FindingKind.KAnonymity, "class {"),

            // Traces that single people out.
            ["cell and second"] = new Case(() => TeamSpecs.Traces(BadMinimizers.CellAndSecond).Evaluate(Seed), FindingKind.TraceUnicity, "singled out by 4"),
            ["cell and minute"] = new Case(() => TeamSpecs.Traces(BadMinimizers.CellAndMinute).Evaluate(Seed), FindingKind.TraceUnicity, "singled out by 4"),
            ["nested subscriber with cell and quarter hour"] = new Case(() => UsageTraces(MinimizerSpec.For<UsageEvent, PartnerEvent>(BadMinimizers.NestedCellAndQuarterHour)).Evaluate(Seed), FindingKind.TraceUnicity, "(subjects by UsageEvent.Subscriber)"),
            ["cell and hour under a week-long pseudonym"] = new Case(() => TeamSpecs.Traces(BadMinimizers.CellAndHourWeeklyPseudonym).Evaluate(Seed), FindingKind.TraceUnicity, "singled out by 4"),
        };

        public static IEnumerable<object[]> Flaws() => Cases.Keys.Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(Flaws))]
        public void Bad_minimizer_fails_the_property_that_names_its_flaw(string flaw)
        {
            Case c = Cases[flaw];
            HarnessReport report = c.Run();
            _output.WriteLine(report.Label);
            PropertyResult failed = FailedFor(report, c.Flaw);
            Assert.Contains(c.Names, failed.Message, StringComparison.Ordinal);
            // Shrunk: three records at most, or the points of a trace that single its subject out.
            Assert.InRange(failed.Counterexample.Count, 1, c.Flaw == FindingKind.TraceUnicity ? TraceDefaults.Points : 3);
            Assert.NotNull(failed.Figure);
            Assert.NotNull(failed.Threshold);
        }

        [Fact]
        public void The_zoo_holds_at_least_thirty_bad_minimizers_of_every_kind()
        {
            Assert.True(Cases.Count >= 30, Cases.Count + " bad minimizers");
            FindingKind[] kinds = { FindingKind.IdentifierSurvives, FindingKind.Enumeration, FindingKind.Linkable, FindingKind.PartialIdentifier, FindingKind.KAnonymity, FindingKind.TraceUnicity };
            Assert.All(kinds, k => Assert.Contains(Cases.Values, c => c.Flaw == k));
        }
    }
}
