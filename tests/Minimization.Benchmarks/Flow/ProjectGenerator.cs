using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Minimization.Benchmarks.Flow
{
    /// <summary>
    /// Generates a realistic metadata pipeline of about <c>targetLines</c> lines: records with identity, enrichers,
    /// formatters and exporters spread over many files, with call chains that cross files (each module calls into two
    /// others), LINQ, collections, string building, async code, and partner sinks fed both minimized and raw values.
    /// </summary>
    public static class ProjectGenerator
    {
        public const string Shared = """
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Minimization;

namespace Pipeline
{
    public sealed class CallRecord
    {
        [IdentityBearing(IdentityCategory.Phone)] public string CallerNumber { get; set; } = "";
        [IdentityBearing(IdentityCategory.Phone)] public string CalleeNumber { get; set; } = "";
        [IdentityBearing(IdentityCategory.CellTower)] public string TowerId { get; set; } = "";
        public string Region { get; set; } = "";
        public DateTime StartedAt { get; set; }
        public int DurationSeconds { get; set; }
    }

    [IdentityBearing]
    public sealed class Subscriber
    {
        public string Name { get; set; } = "";
        public string Email { get; set; } = "";
        [NonIdentifying] public string Plan { get; set; } = "";
    }

    public sealed class Shared
    {
        public string Token { get; set; } = "";
        public string Region { get; set; } = "";
        public int Minutes { get; set; }
    }

    public interface IPartnerGateway
    {
        [PartnerShare] void Send(object payload);
    }

    public sealed class UkGateway : IPartnerGateway
    {
        public void Send(object payload) { }
    }

    public static class Minimizer
    {
        [Minimizer] public static string Token(string value, string partner) => partner + value.Length.ToString();
        [Minimizer] public static Shared Minimize(CallRecord r, string partner) => new Shared { Token = Token(r.CallerNumber, partner), Region = r.Region, Minutes = r.DurationSeconds / 60 };
    }
}
""";

        /// <param name="targetLines">About how many lines to generate.</param>
        /// <param name="identityShare">
        /// The share of modules that handle identity (1 = every module: the dense worst case). The others are ordinary
        /// business code of the same size (orders, invoices, retries) that never touches identity or a partner sink.
        /// </param>
        public static IReadOnlyList<(string Name, string Text)> Generate(int targetLines, double identityShare = 1.0)
        {
            const int linesPerModule = 118;
            var modules = System.Math.Max(2, (targetLines - 60) / linesPerModule);
            var identityModules = System.Math.Max(2, (int)System.Math.Round(modules * identityShare));
            var files = new List<(string, string)>(modules + 1) { ("Shared.cs", Shared) };
            for (var i = 0; i < modules; i++)
            {
                var name = i.ToString(CultureInfo.InvariantCulture);
                files.Add(i < identityModules
                    ? ("Module" + name + ".cs", Module(i, identityModules))
                    : ("Billing" + name + ".cs", Billing(i, modules)));
            }

            return files;
        }

        private static string Billing(int i, int count)
        {
            var next = i + 1 < count && (i + 1) % 10 != 0 ? i + 1 : -1;
            return $$"""
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace Billing.B{{i}}
{
    public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);

    public sealed class Order
    {
        public string Number { get; set; } = "";
        public List<OrderLine> Lines { get; } = new List<OrderLine>();
        public DateTime PlacedAt { get; set; }
        public string Currency { get; set; } = "CAD";
    }

    public sealed class InvoiceCalculator{{i}}
    {
        private readonly Dictionary<string, decimal> _taxRates = new Dictionary<string, decimal> { ["ON"] = 0.13m, ["QC"] = 0.14975m };

        public decimal Subtotal(Order order) => order.Lines.Sum(l => l.Quantity * l.UnitPrice);

        public decimal Tax(Order order, string province)
        {
            if (!_taxRates.TryGetValue(province, out var rate))
            {
                rate = 0.05m;
            }

            return Math.Round(Subtotal(order) * rate, 2);
        }

        public decimal Total(Order order, string province)
        {
            var total = Subtotal(order) + Tax(order, province);
            return {{(next < 0 ? "total" : $"new Billing.B{next}.InvoiceCalculator{next}().Adjust(total, 2)")}};
        }

        public decimal Adjust(decimal amount, int depth) => depth <= 0 ? amount : Math.Max(0, amount - depth * 0.01m);

        public IReadOnlyList<string> TopSkus(IEnumerable<Order> orders, int take)
            => orders.SelectMany(o => o.Lines).GroupBy(l => l.Sku).OrderByDescending(g => g.Sum(l => l.Quantity)).Take(take).Select(g => g.Key).ToList();
    }

    public sealed class InvoiceFormatter{{i}}
    {
        public string Format(Order order, decimal total)
        {
            var sb = new StringBuilder();
            sb.Append("Invoice ").Append(order.Number).Append(" of ").Append(order.PlacedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            foreach (var line in order.Lines)
            {
                sb.AppendLine().Append(line.Sku).Append(" x").Append(line.Quantity).Append(" @ ").Append(line.UnitPrice.ToString(CultureInfo.InvariantCulture));
            }

            sb.AppendLine().Append($"Total: {total:0.00} {order.Currency}");
            return sb.ToString();
        }

        public (int Lines, int Units) Count(Order order) => (order.Lines.Count, order.Lines.Sum(l => l.Quantity));
    }

    public sealed class RetryPolicy{{i}}
    {
        private readonly int _attempts;

        public RetryPolicy{{i}}(int attempts) => _attempts = attempts;

        public async Task<T> RunAsync<T>(Func<Task<T>> action)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await action();
                }
                catch (TimeoutException) when (attempt < _attempts)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt));
                }
            }
        }

        public static TimeSpan Backoff(int attempt)
        {
            var ms = Math.Min(10_000, 100 * (1 << Math.Min(attempt, 10)));
            return TimeSpan.FromMilliseconds(ms);
        }
    }

    public static class OrderValidation{{i}}
    {
        public static IEnumerable<string> Problems(Order order)
        {
            if (string.IsNullOrWhiteSpace(order.Number))
            {
                yield return "missing number";
            }

            foreach (var line in order.Lines.Where(l => l.Quantity <= 0))
            {
                yield return $"line {line.Sku} has quantity {line.Quantity}";
            }

            if (order.PlacedAt > DateTime.UtcNow.AddDays(1))
            {
                yield return "placed in the future";
            }
        }
    }
}

""";
        }

        private static string Module(int i, int count)
        {
            // Layered like real code: chains of ten modules across files, no cycle through the whole program
            // (one small mutual recursion per module, Ping/Pong, keeps the recursive-group path exercised).
            var next = (i + 1) % 10 != 0 && i + 1 < count ? i + 1 : -1;
            var other = (i * 7 + 3) % count;
            var sb = new StringBuilder();
            sb.Append($$"""
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace Pipeline.M{{i}}
{
    public sealed class Enricher{{i}}
    {
        private readonly Dictionary<string, int> _seen = new Dictionary<string, int>();
        private string _lastRegion = "";

        public string Normalize(string value, int depth)
        {
            if (depth <= 0 || value.Length == 0)
            {
                return value.Trim();
            }

            var trimmed = value.Replace(" ", "").Replace("-", "");
            return {{(next < 0 ? "Ping(trimmed, depth - 1)" : $"new Pipeline.M{next}.Enricher{next}().Normalize(trimmed, depth - 1)")}};
        }

        private string Ping(string value, int n) => n <= 0 ? value : Pong(value.ToLowerInvariant(), n - 1);

        private string Pong(string value, int n) => n <= 0 ? value : Ping(value.Trim(), n - 1);

        public string Describe(CallRecord record)
        {
            var builder = new StringBuilder();
            builder.Append(record.Region).Append(';').Append(record.DurationSeconds);
            _lastRegion = record.Region;
            if (_seen.TryGetValue(record.Region, out var n))
            {
                _seen[record.Region] = n + 1;
            }
            else
            {
                _seen[record.Region] = 1;
            }

            return builder.ToString();
        }

        public IReadOnlyList<string> Regions(IEnumerable<CallRecord> records)
            => records.Where(r => r.DurationSeconds > 30).Select(r => r.Region).Distinct().OrderBy(r => r).ToList();

        public int Busy(IEnumerable<CallRecord> records) => records.Count(r => r.DurationSeconds > 600);

        [return: Minimization.IdentityBearing(Minimization.IdentityCategory.Phone)]
        public string Key(CallRecord record, int depth) => new Pipeline.M{{other}}.Formatter{{other}}().Format(record.CallerNumber, depth);
    }

    public sealed class Formatter{{i}}
    {
        public string Format(string value, int depth)
        {
            var parts = new List<string>();
            foreach (var c in value)
            {
                if (char.IsDigit(c))
                {
                    parts.Add(c.ToString());
                }
            }

            var joined = string.Join("", parts);
            return {{(next < 0 ? "$\"tel:{joined}\"" : $"depth > 0 ? new Pipeline.M{next}.Formatter{next}().Format(joined, depth - 1) : $\"tel:{{joined}}\"")}};
        }

        public (string Region, int Minutes) Summary(CallRecord record) => (record.Region, record.DurationSeconds / 60);
    }

    public sealed class Exporter{{i}}
    {
        private readonly IPartnerGateway _gateway;
        private readonly Enricher{{i}} _enricher = new Enricher{{i}}();

        public Exporter{{i}}(IPartnerGateway gateway)
        {
            _gateway = gateway;
        }

        public async Task<int> ExportAsync(IReadOnlyList<CallRecord> batch)
        {
            var shared = 0;
            foreach (var record in batch)
            {
                var minimized = Minimizer.Minimize(record, "UK");
                _gateway.Send(minimized);
                var (region, minutes) = new Formatter{{i}}().Summary(record);
                _gateway.Send(region + ":" + minutes.ToString());
                _gateway.Send(_enricher.Describe(record));
                shared += await Task.FromResult(1);
            }

            _gateway.Send(_enricher.Regions(batch));
            _gateway.Send(_enricher.Busy(batch));
            return shared;
        }

        public void Audit(CallRecord record)
        {
            var token = Minimizer.Token(_enricher.Normalize(record.CallerNumber, 3), "UK");
            _gateway.Send(token);
            var local = new Dictionary<string, string> { ["region"] = record.Region };
            _gateway.Send(local);
""");
            if (i % 5 == 0)
            {
                // A real leak in every fifth module, through a chain of calls across files.
                sb.Append($$"""

            var leaked = _enricher.Key(record, 4);
            _gateway.Send(leaked);
""");
            }
            else
            {
                sb.Append("""

            var clean = record.Region.ToUpperInvariant();
            _gateway.Send(clean);
""");
            }

            sb.Append("""

        }
    }
}

""");
            return sb.ToString();
        }
    }
}
