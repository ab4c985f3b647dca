using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Minimization.Runtime;

namespace Minimization.Testing.Tests.RedTeam
{
    /// <summary>Good minimizers: keyed per partner, dropping what is not needed, generalising to coarse, well-filled classes.</summary>
    public static class GoodMinimizers
    {
        /// <summary>A per-partner HMAC with the key from the context; region, a wide birth band, gender, plan.</summary>
        public static PartnerSubscriber KeyedPerPartner(SubscriberFile r, MinimizerContext ctx) => Shared.Row(r, Shared.Hmac(ctx.Key, Shared.National(r.Msisdn)));

        /// <summary>Drops every identifier: the partner gets the plan and the region only.</summary>
        public static Demographics DropEverything(SubscriberFile r) => new Demographics(Shared.MergedFsa(r.PostalCode), "any", Gender.Unspecified, r.Plan);

        /// <summary>The toolkit's own keyed pseudonym, with the postal prefix kept by the toolkit's helper.</summary>
        public static PartnerSubscriber ToolkitPseudonym(SubscriberFile r, MinimizerContext ctx)
        {
            using var pseudonyms = new Pseudonymizer(ctx.Key);
            string fsa = Prefixes.KeepCharacters(r.PostalCode, 3)!;
            string region = fsa[1] == '0' ? "rural" : fsa;
            return new PartnerSubscriber(pseudonyms.Pseudonymize(r.Email, IdentityCategory.Email)!, region, Shared.WideBirthBand(r.DateOfBirth), r.Gender, r.Plan);
        }

        /// <summary>The provider's IPv6 /48 through the toolkit's masking, and a per-partner token of the account.</summary>
        public static ConnectionRow MaskedIPv6(SubscriberFile r, MinimizerContext ctx)
            => new ConnectionRow(Shared.Hmac(ctx.Key, r.AccountNumber), IpMasking.Mask(r.IPv6)!, r.Plan ?? "none");

        /// <summary>Region and a wide birth band with gender; in the merged rural region, whose people are few, gender is suppressed.</summary>
        public static Demographics CoarseDemographics(SubscriberFile r)
        {
            string area = Shared.MergedFsa(r.PostalCode);
            return new Demographics(area, Shared.WideBirthBand(r.DateOfBirth), area == "rural" ? Gender.Unspecified : r.Gender, r.Plan);
        }

        private static readonly double[] AgeBoundaries = { 1960, 1980 };

        /// <summary>The toolkit's bucketing of the birth year, the region merged where sparse.</summary>
        public static Demographics ToolkitBuckets(SubscriberFile r)
            => new Demographics(Shared.MergedFsa(r.PostalCode), Bucketing.ByBoundaries((long?)r.DateOfBirth.Year, AgeBoundaries)!, Gender.Unspecified, r.Plan);

        /// <summary>A nested export without contact details, the devices as per-partner tokens, the attributes generalised.</summary>
        public static SubscriberExport NestedWithTokens(SubscriberFile r, MinimizerContext ctx) => new SubscriberExport
        {
            Reference = Shared.Hmac(ctx.Key, Shared.National(r.Msisdn)),
            Contact = new ContactBlock(),
            Devices = new List<string> { Shared.Hmac(ctx.KeyFor(ctx.Partner + "/devices"), r.Imei) },
            Attributes = new Dictionary<string, string> { ["region"] = Shared.MergedFsa(r.PostalCode), ["plan"] = r.Plan ?? "none" },
        };

        /// <summary>A per-partner pseudonym rotating daily, the region and the day.</summary>
        public static PartnerEvent DailyRegion(NetworkEvent e, MinimizerContext ctx)
        {
            string day = Shared.DayOrMonth(e);
            return new PartnerEvent(Shared.Hmac(ctx.KeyFor(ctx.Partner + "/" + day), Shared.National(e.Msisdn)), Shared.Region(e.CellId), day);
        }

        /// <summary>The nested subscriber's daily per-partner pseudonym, with the region and the day.</summary>
        public static PartnerEvent NestedDailyRegion(UsageEvent e, MinimizerContext ctx)
        {
            string region = Shared.Region(e.CellId);
            string day = e.At.ToString(region == "rural" ? "yyyy-MM" : "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return new PartnerEvent(Shared.Hmac(ctx.KeyFor(ctx.Partner + "/" + day), Shared.National(e.Subscriber.Msisdn)), region, day);
        }

        /// <summary>The value object's number under the partner's key.</summary>
        public static SharedLine ValueObjectKeyed(MobileLine l, MinimizerContext ctx) => new SharedLine(Shared.Hmac(ctx.Key, Shared.National(l.Number.Value)), l.Plan ?? "none");

        /// <summary>A CSV line of coarse values only.</summary>
        public static string CsvLine(SubscriberFile r) => string.Join(",", Shared.MergedFsa(r.PostalCode), Shared.WideBirthBand(r.DateOfBirth), r.Plan ?? string.Empty);

        /// <summary>The toolkit's time truncation to the hour and the region, with a pseudonym that rotates every hour.</summary>
        public static PartnerEvent HourlyRegion(NetworkEvent e, MinimizerContext ctx)
        {
            string region = Shared.Region(e.CellId);
            DateTime hour = TimeTruncation.Truncate(e.At, region == "rural" ? TimeGranularity.Day : TimeGranularity.Hour);
            string h = hour.ToString("yyyy-MM-ddTHH", CultureInfo.InvariantCulture);
            using var pseudonyms = new Pseudonymizer(ctx.KeyFor(ctx.Partner + "/" + h));
            return new PartnerEvent(pseudonyms.Pseudonymize(e.Imsi, IdentityCategory.Imsi)!, region, h);
        }
    }
}
