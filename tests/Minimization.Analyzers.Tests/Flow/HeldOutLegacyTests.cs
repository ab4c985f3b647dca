using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md, "How identity travels", MIN001 and the
    /// Readings): legacy line-of-business code as 15-year-old enterprise systems write it. Template-method exporters,
    /// static utility classes, singletons and static caches, StringBuilder/string.Format reports with loops and enum
    /// switches, CSV and fixed-width files written to streams, DataRow-like dictionaries, ToString() overrides, retries in
    /// try/catch/finally, out and ref helpers, lazy properties with backing fields, and EventArgs raised to handlers
    /// registered with +=. Every positive has a near-miss clean twin (a [Minimizer] on the way, or only
    /// [NonIdentifying] members travelling). Types are internal so that MIN010 stays out of the picture.
    /// </summary>
    public class HeldOutLegacyTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        /// <summary>Exactly one MIN001, at any one of <paramref name="markups"/>: only where the contract leaves the place open.</summary>
        private static Task RunOneOf(string program, params int[] markups) => CheckOnceAtOneOf(Complete(program), markups);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>The legacy domain every program shares: the customer entity, its repository, the partner gateway and the utilities.</summary>
        private const string Header = """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Text;
            using Minimization;

            internal enum CustomerStatus { Active, Dormant, Closed }

            [IdentityBearing]
            internal class Customer
            {
                [NonIdentifying] public int Id { get; set; }
                [IdentityBearing(IdentityCategory.Name)] public string Name { get; set; } = "";
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
                [NonIdentifying] public string Region { get; set; } = "";
                [NonIdentifying] public CustomerStatus Status { get; set; }
            }

            internal sealed class CustomerRepository
            {
                private readonly List<Customer> _rows = new List<Customer>();

                public void Add(Customer c) { _rows.Add(c); }

                public Customer[] LoadAll() { return _rows.ToArray(); }

                public List<Customer> LoadList() { return new List<Customer>(_rows); }
            }

            internal static class Partner
            {
                [PartnerShare("acme")] public static void Upload(string payload) { }

                [PartnerShare("acme")] public static void UploadBytes(byte[] data) { }

                [PartnerShare("acme")] public static void UploadFields(params string[] fields) { }

                public static void Send(string batchId, [PartnerShare("acme")] string payload) { }
            }

            internal static class StringUtil
            {
                [Minimizer]
                public static string Mask(string value)
                {
                    if (string.IsNullOrEmpty(value)) return "";
                    return value.Substring(0, 1) + new string('*', value.Length - 1);
                }

                public static string Left(string value, int length)
                {
                    return value.Length <= length ? value : value.Substring(0, length);
                }
            }

            internal static class CsvHelper
            {
                public static string Escape(string value)
                {
                    if (value.IndexOf(',') >= 0 || value.IndexOf('"') >= 0)
                    {
                        return "\"" + value.Replace("\"", "\"\"") + "\"";
                    }
                    return value;
                }
            }

            internal static class Formatter
            {
                public static string Join(string separator, params string[] parts)
                {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < parts.Length; i++)
                    {
                        if (i > 0) sb.Append(separator);
                        sb.Append(parts[i]);
                    }
                    return sb.ToString();
                }
            }

            """;

        // =====================================================================================================
        // 1. Template method: ExportBase.Run() calls abstract BuildLine(Customer) then virtual Send(string). Run's own
        //    parameter is identity-bearing, so the report is inside Run, at the outermost argument of the chain
        //    Send -> Partner.Upload (MIN001; Reading 1: the callee of BuildLine is every override).
        // =====================================================================================================

        private const string TemplateProgram = """
            internal abstract class ExportBase
            {
                public void Run(Customer c)
                {
                    string line = BuildLine(c);
                    if (line.Length == 0)
                    {
                        return;
                    }
                    Send({|#0:line|});
                }

                protected abstract string BuildLine(Customer c);

                protected virtual void Send(string line)
                {
                    Partner.Upload(line);
                }
            }

            internal sealed class MarketingExporter : ExportBase
            {
                protected override string BuildLine(Customer c)
                {
                    return $MARKETING;
                }
            }

            internal sealed class BillingExporter : ExportBase
            {
                protected override string BuildLine(Customer c)
                {
                    return StringUtil.Mask(c.Email) + ";" + c.Region;
                }
            }

            internal sealed class ComplianceExporter : ExportBase
            {
                protected override string BuildLine(Customer c)
                {
                    return c.Id.ToString() + ";" + c.Status.ToString();
                }

                protected override void Send(string line)
                {
                    try
                    {
                        base.Send(line);
                    }
                    catch (IOException)
                    {
                        Console.WriteLine("compliance export failed");
                    }
                }
            }

            internal static class NightlyExportJob
            {
                public static void RunAll(CustomerRepository repo)
                {
                    ExportBase[] exporters = new ExportBase[] { new MarketingExporter(), new BillingExporter(), new ComplianceExporter() };
                    foreach (Customer c in repo.LoadAll())
                    {
                        for (int i = 0; i < exporters.Length; i++)
                        {
                            exporters[i].Run(c);
                        }
                    }
                }
            }
            """;

        [Fact]
        public Task Template_method_exporter_whose_derived_line_holds_the_email_is_reported_at_the_base_send() => Run(
            TemplateProgram.Replace("$MARKETING", "c.Name + \";\" + c.Email"), Min001(0));

        [Fact]
        public Task Template_method_exporters_that_all_mask_or_send_nonidentifying_columns_are_clean() => Run(Unmarked(
            TemplateProgram.Replace("$MARKETING", "StringUtil.Mask(c.Name) + \";\" + c.Region")));

        // =====================================================================================================
        // 2. The receiver's known type decides the override (Reading 1: "the one it is, when known").
        // =====================================================================================================

        private const string KnownBuilderProgram = """
            internal abstract class LineBuilder
            {
                public abstract string Build(Customer c);
            }

            internal sealed class PlainLineBuilder : LineBuilder
            {
                public override string Build(Customer c) { return c.Email + "," + c.Region; }
            }

            internal sealed class MaskedLineBuilder : LineBuilder
            {
                public override string Build(Customer c) { return StringUtil.Mask(c.Email) + "," + c.Region; }
            }

            internal static class BuilderJob
            {
                public static void Run(CustomerRepository repo)
                {
                    $BUILDER builder = new $BUILDER();
                    foreach (Customer c in repo.LoadAll())
                    {
                        Partner.Upload({|#0:builder.Build(c)|});
                    }
                }
            }
            """;

        [Fact]
        public Task Sealed_plain_line_builder_created_in_place_is_reported_at_the_upload() => Run(
            KnownBuilderProgram.Replace("$BUILDER", "PlainLineBuilder"), Min001(0));

        [Fact]
        public Task Sealed_masking_line_builder_created_in_place_is_clean_though_a_sibling_override_leaks() => Run(Unmarked(
            KnownBuilderProgram.Replace("$BUILDER", "MaskedLineBuilder")));

        // =====================================================================================================
        // 3. Static caches in Dictionary fields (Reading 5: values and keys; the report is where a value taken out
        //    meets the sink; putting it in is not a sink).
        // =====================================================================================================

        private const string KeyCacheProgram = """
            internal static class LookupCache
            {
                private static readonly Dictionary<string, int> _idsByEmail = new Dictionary<string, int>();

                public static void Index(Customer c)
                {
                    if (!_idsByEmail.ContainsKey($KEY))
                    {
                        _idsByEmail.Add($KEY, c.Id);
                    }
                }

                public static void Publish()
                {
                    foreach (string key in _idsByEmail.Keys)
                    {
                        Partner.Upload({|#0:key|});
                    }
                }
            }
            """;

        [Fact]
        public Task Static_cache_keyed_by_email_whose_keys_are_published_is_reported_at_the_publish() => Run(
            KeyCacheProgram.Replace("$KEY", "c.Email.ToLowerInvariant()"), Min001(0));

        [Fact]
        public Task Static_cache_keyed_by_masked_email_whose_keys_are_published_is_clean() => Run(Unmarked(
            KeyCacheProgram.Replace("$KEY", "StringUtil.Mask(c.Email)")));

        // =====================================================================================================
        // 4. switch statement on an enum column inside foreach over List<T>, cells joined into lines.
        // =====================================================================================================

        private const string ColumnReportProgram = """
            internal enum Column { Id, Name, Phone, Region }

            internal sealed class ColumnReport
            {
                private readonly List<Column> _columns = new List<Column> { Column.Id, Column.Name, Column.Phone, Column.Region };

                public void Export(CustomerRepository repo)
                {
                    List<string> lines = new List<string>();
                    foreach (Customer c in repo.LoadList())
                    {
                        List<string> cells = new List<string>();
                        foreach (Column col in _columns)
                        {
                            switch (col)
                            {
                                case Column.Id:
                                    cells.Add(c.Id.ToString());
                                    break;
                                case Column.Name:
                                    cells.Add($NAMECELL);
                                    break;
                                case Column.Phone:
                                    cells.Add($PHONECELL);
                                    break;
                                default:
                                    cells.Add(c.Region);
                                    break;
                            }
                        }
                        lines.Add(string.Join("|", cells));
                    }
                    Partner.Upload({|#0:string.Join(Environment.NewLine, lines)|});
                }
            }
            """;

        [Fact]
        public Task Column_report_switching_on_enum_columns_with_name_and_phone_cells_is_reported() => Run(
            ColumnReportProgram.Replace("$NAMECELL", "c.Name").Replace("$PHONECELL", "c.Phone"), Min001(0));

        [Fact]
        public Task Column_report_masking_the_name_and_phone_cells_is_clean() => Run(Unmarked(
            ColumnReportProgram.Replace("$NAMECELL", "StringUtil.Mask(c.Name)").Replace("$PHONECELL", "StringUtil.Mask(c.Phone)")));

        // =====================================================================================================
        // 5. CSV file written with a StreamWriter over a MemoryStream; the stream's bytes are uploaded (Reading 10:
        //    a writer or stream receiver is filled by the write).
        // =====================================================================================================

        private const string CsvStreamProgram = """
            internal static class CsvFile
            {
                public static void Upload(CustomerRepository repo)
                {
                    using (MemoryStream ms = new MemoryStream())
                    {
                        using (StreamWriter writer = new StreamWriter(ms, Encoding.UTF8, 4096, true))
                        {
                            writer.WriteLine("id,email,region");
                            foreach (Customer c in repo.LoadAll())
                            {
                                writer.WriteLine(string.Format("{0},{1},{2}", c.Id, $EMAILCELL, CsvHelper.Escape(c.Region)));
                            }
                            writer.Flush();
                        }
                        Partner.UploadBytes({|#0:ms.ToArray()|});
                    }
                }
            }
            """;

        [Fact]
        public Task Csv_written_through_a_stream_writer_into_a_memory_stream_is_reported_at_the_byte_upload() => Run(
            CsvStreamProgram.Replace("$EMAILCELL", "CsvHelper.Escape(c.Email)"), Min001(0));

        [Fact]
        public Task Csv_with_masked_emails_written_into_a_memory_stream_is_clean() => Run(Unmarked(
            CsvStreamProgram.Replace("$EMAILCELL", "StringUtil.Mask(c.Email)")));

        // =====================================================================================================
        // 6. DataRow-like Dictionary<string, object> rows, boxing and Convert.ToString.
        // =====================================================================================================

        private const string DataRowProgram = """
            internal static class RowExport
            {
                public static Dictionary<string, object> ToRow(Customer c)
                {
                    Dictionary<string, object> row = new Dictionary<string, object>();
                    row["Id"] = c.Id;
                    row["Email"] = $EMAILVALUE;
                    row["Region"] = c.Region;
                    return row;
                }

                public static void Push(CustomerRepository repo)
                {
                    foreach (Customer c in repo.LoadAll())
                    {
                        Dictionary<string, object> row = ToRow(c);
                        StringBuilder sb = new StringBuilder();
                        foreach (KeyValuePair<string, object> cell in row)
                        {
                            sb.Append(cell.Key).Append('=').Append(Convert.ToString(cell.Value)).Append(';');
                        }
                        Partner.Upload({|#0:sb.ToString()|});
                    }
                }
            }
            """;

        [Fact]
        public Task Data_row_dictionary_holding_the_email_serialized_cell_by_cell_is_reported() => Run(
            DataRowProgram.Replace("$EMAILVALUE", "c.Email"), Min001(0));

        [Fact]
        public Task Data_row_dictionary_holding_the_masked_email_is_clean() => Run(Unmarked(
            DataRowProgram.Replace("$EMAILVALUE", "StringUtil.Mask(c.Email)")));

        // =====================================================================================================
        // 7. ToString() overrides (Reading 8).
        // =====================================================================================================

        [Fact]
        public Task ToString_override_reading_the_customer_name_interpolated_into_an_upload_is_reported() => Run("""
            internal sealed class CustomerLine
            {
                private readonly Customer _customer;

                public CustomerLine(Customer customer)
                {
                    _customer = customer;
                }

                public override string ToString()
                {
                    return _customer.Name + "|" + _customer.Region;
                }
            }

            internal static class LineExport
            {
                public static void Send(CustomerRepository repo)
                {
                    foreach (Customer c in repo.LoadAll())
                    {
                        CustomerLine line = new CustomerLine(c);
                        Partner.Upload({|#0:"LINE:" + line|});
                    }
                }
            }
            """, Min001(0));

        [Fact]
        public Task ToString_override_over_fields_set_from_masked_values_is_clean() => Run("""
            internal sealed class CustomerLine
            {
                private readonly string _name;
                private readonly string _region;

                public CustomerLine(Customer customer)
                {
                    _name = StringUtil.Mask(customer.Name);
                    _region = customer.Region;
                }

                public override string ToString()
                {
                    return _name + "|" + _region;
                }
            }

            internal static class LineExport
            {
                public static void Send(CustomerRepository repo)
                {
                    foreach (Customer c in repo.LoadAll())
                    {
                        CustomerLine line = new CustomerLine(c);
                        Partner.Upload("LINE:" + line);
                    }
                }
            }
            """);

        // =====================================================================================================
        // 8. Exception handling: retries in a loop with try/catch/finally; a named sink argument.
        // =====================================================================================================

        private const string RetryProgram = """
            internal static class RetryingUpload
            {
                public static bool Upload(Customer c)
                {
                    string payload = $PAYLOAD;
                    for (int attempt = 1; attempt <= 3; attempt++)
                    {
                        try
                        {
                            Partner.Send(batchId: "B" + attempt.ToString(), payload: {|#0:payload|});
                            return true;
                        }
                        catch (IOException)
                        {
                            System.Threading.Thread.Sleep(250 * attempt);
                        }
                        finally
                        {
                            Console.WriteLine("attempt " + attempt.ToString());
                        }
                    }
                    return false;
                }
            }
            """;

        [Fact]
        public Task Retry_loop_sending_the_phone_inside_try_is_reported_at_the_named_argument() => Run(
            RetryProgram.Replace("$PAYLOAD", "c.Phone + \";\" + c.Region"), Min001(0));

        [Fact]
        public Task Retry_loop_sending_the_masked_phone_inside_try_is_clean() => Run(Unmarked(
            RetryProgram.Replace("$PAYLOAD", "StringUtil.Mask(c.Phone) + \";\" + c.Region")));

        private const string FinallyProgram = """
            internal static class AuditedExport
            {
                private static void Validate(string line)
                {
                    if (line.Length > 200) throw new InvalidDataException("line too long");
                }

                public static void Export(Customer c)
                {
                    string? lastLine = null;
                    try
                    {
                        lastLine = $LAST + ";" + c.Region;
                        Validate(lastLine);
                    }
                    catch (InvalidDataException)
                    {
                        Console.WriteLine("invalid line");
                    }
                    finally
                    {
                        if (lastLine != null)
                        {
                            Partner.Upload({|#0:lastLine|});
                        }
                    }
                }
            }
            """;

        [Fact]
        public Task Line_assigned_in_try_and_sent_from_the_finally_block_is_reported() => Run(
            FinallyProgram.Replace("$LAST", "c.Email"), Min001(0));

        [Fact]
        public Task Masked_line_assigned_in_try_and_sent_from_the_finally_block_is_clean() => Run(Unmarked(
            FinallyProgram.Replace("$LAST", "StringUtil.Mask(c.Email)")));

        // =====================================================================================================
        // 9. out parameters and ref helpers.
        // =====================================================================================================

        private const string TryFormatProgram = """
            internal static class LegacyFormat
            {
                public static bool TryFormat(Customer c, out string line)
                {
                    if (c.Id <= 0)
                    {
                        line = "";
                        return false;
                    }
                    line = c.Id.ToString("D8") + $FIELD.PadRight(20);
                    return true;
                }

                public static void Export(CustomerRepository repo)
                {
                    foreach (Customer c in repo.LoadAll())
                    {
                        string line;
                        if (TryFormat(c, out line))
                        {
                            Partner.Upload({|#0:line|});
                        }
                    }
                }
            }
            """;

        [Fact]
        public Task TryFormat_out_line_with_the_name_sent_by_the_caller_is_reported_at_the_caller() => Run(
            TryFormatProgram.Replace("$FIELD", "c.Name"), Min001(0));

        [Fact]
        public Task TryFormat_out_line_with_the_region_sent_by_the_caller_is_clean() => Run(Unmarked(
            TryFormatProgram.Replace("$FIELD", "c.Region")));

        private const string RefHelperProgram = """
            internal static class LineTools
            {
                public static void AppendField(ref string line, string value)
                {
                    line = line.Length == 0 ? value : line + ";" + value;
                }
            }

            internal static class RefExport
            {
                public static void Export(Customer c)
                {
                    string line = "";
                    LineTools.AppendField(ref line, c.Id.ToString());
                    LineTools.AppendField(ref line, $FIELD);
                    LineTools.AppendField(ref line, c.Region);
                    Partner.Upload({|#0:line|});
                }
            }
            """;

        [Fact]
        public Task Ref_helper_appending_the_phone_to_the_line_is_reported_at_the_upload() => Run(
            RefHelperProgram.Replace("$FIELD", "c.Phone"), Min001(0));

        [Fact]
        public Task Ref_helper_appending_the_masked_phone_to_the_line_is_clean() => Run(Unmarked(
            RefHelperProgram.Replace("$FIELD", "StringUtil.Mask(c.Phone)")));

        // =====================================================================================================
        // 10. Properties with backing fields and lazy initialization.
        // =====================================================================================================

        private const string LazyHeaderProgram = """
            internal sealed class StatementHeader
            {
                private readonly string _name;
                private readonly int _customerId;
                private string? _header;

                public StatementHeader(Customer customer)
                {
                    _name = $NAMEINIT;
                    _customerId = customer.Id;
                }

                public string Header
                {
                    get
                    {
                        if (_header == null)
                        {
                            _header = "STATEMENT " + _customerId.ToString() + " FOR " + _name.ToUpperInvariant();
                        }
                        return _header;
                    }
                }
            }

            internal static class StatementJob
            {
                public static void Send(CustomerRepository repo)
                {
                    foreach (Customer c in repo.LoadAll())
                    {
                        StatementHeader statement = new StatementHeader(c);
                        Partner.Upload({|#0:statement.Header|});
                    }
                }
            }
            """;

        [Fact]
        public Task Lazily_built_header_property_over_a_name_backing_field_is_reported_at_the_upload() => Run(
            LazyHeaderProgram.Replace("$NAMEINIT", "customer.Name"), Min001(0));

        [Fact]
        public Task Lazily_built_header_property_over_a_masked_name_backing_field_is_clean() => Run(Unmarked(
            LazyHeaderProgram.Replace("$NAMEINIT", "StringUtil.Mask(customer.Name)")));

        // =====================================================================================================
        // 11. Events raised with EventArgs subclasses, handlers registered with +=.
        // =====================================================================================================

        private const string CustomerEventProgram = """
            internal sealed class CustomerExportedEventArgs : EventArgs
            {
                public CustomerExportedEventArgs(Customer customer)
                {
                    Customer = customer;
                }

                public Customer Customer { get; private set; }
            }

            internal sealed class ExportEngine
            {
                public event EventHandler<CustomerExportedEventArgs>? Exported;

                public void Export(Customer c)
                {
                    Console.WriteLine("exported " + c.Id.ToString());
                    OnExported(new CustomerExportedEventArgs(c));
                }

                private void OnExported(CustomerExportedEventArgs e)
                {
                    EventHandler<CustomerExportedEventArgs>? handler = Exported;
                    if (handler != null)
                    {
                        handler(this, e);
                    }
                }
            }

            internal sealed class PartnerNotifier
            {
                public PartnerNotifier(ExportEngine engine)
                {
                    engine.Exported += new EventHandler<CustomerExportedEventArgs>(OnCustomerExported);
                }

                private void OnCustomerExported(object? sender, CustomerExportedEventArgs e)
                {
                    Partner.Upload({|#0:$SENT|});
                }
            }
            """;

        [Fact]
        public Task Event_handler_sending_the_email_of_the_customer_in_its_event_args_is_reported_in_the_handler() => Run(
            // Reading 2: the handler reads a member of an identity-bearing type; the report is at its sink argument only.
            CustomerEventProgram.Replace("$SENT", "e.Customer.Email"), Min001(0));

        [Fact]
        public Task Event_handler_sending_the_region_of_the_customer_in_its_event_args_is_clean() => Run(Unmarked(
            CustomerEventProgram.Replace("$SENT", "e.Customer.Region")));

        private const string ContactEventProgram = """
            internal sealed class ContactChangedEventArgs : EventArgs
            {
                public ContactChangedEventArgs(string contact)
                {
                    Contact = contact;
                }

                public string Contact { get; private set; }
            }

            internal sealed class AddressBook
            {
                public event EventHandler<ContactChangedEventArgs>? ContactChanged;

                public void Update(Customer c)
                {
                    if (ContactChanged != null)
                    {
                        ContactChanged(this, {|#0:new ContactChangedEventArgs($CONTACT)|});
                    }
                }
            }

            internal static class Wiring
            {
                public static void Attach(AddressBook book)
                {
                    book.ContactChanged += delegate(object? sender, ContactChangedEventArgs e)
                    {
                        Partner.Upload({|#1:e.Contact|});
                    };
                }
            }
            """;

        [Fact]
        public Task Event_args_carrying_a_plain_email_string_sent_by_an_anonymous_handler_is_reported_once() => RunOneOf(
            // The place is open (as in the other held-out corpora): the raise (#0, outermost, if the stored handler is a
            // further call inside the compilation) or the handler's sink argument (#1, Reading 4). Either, exactly once.
            ContactEventProgram.Replace("$CONTACT", "c.Email"), 0, 1);

        [Fact]
        public Task Event_args_carrying_a_masked_email_sent_by_an_anonymous_handler_is_clean() => Run(Unmarked(
            ContactEventProgram.Replace("$CONTACT", "StringUtil.Mask(c.Email)")));

        // =====================================================================================================
        // 12. An injected legacy writer interface; one implementation uploads (Reading 1: outermost argument).
        // =====================================================================================================

        private const string WriterProgram = """
            internal interface IExportWriter
            {
                void WriteRecord(string record);
            }

            internal sealed class FtpExportWriter : IExportWriter
            {
                public void WriteRecord(string record)
                {
                    Partner.UploadBytes(Encoding.ASCII.GetBytes(record + "\r\n"));
                }
            }

            internal sealed class LocalExportWriter : IExportWriter
            {
                private readonly List<string> _lines = new List<string>();

                public void WriteRecord(string record)
                {
                    _lines.Add(record);
                }
            }

            internal sealed class PayrollExport
            {
                private readonly IExportWriter _writer;

                public PayrollExport(IExportWriter writer)
                {
                    _writer = writer;
                }

                public void Run(CustomerRepository repo)
                {
                    Customer[] all = repo.LoadAll();
                    for (int i = 0; i < all.Length; i++)
                    {
                        _writer.WriteRecord({|#0:all[i].Id.ToString("D6") + $FIELD.PadRight(25)|});
                    }
                }
            }
            """;

        [Fact]
        public Task Record_with_the_name_written_through_an_injected_writer_that_uploads_is_reported_at_the_caller() => Run(
            WriterProgram.Replace("$FIELD", "all[i].Name"), Min001(0));

        [Fact]
        public Task Record_with_the_region_written_through_an_injected_writer_that_uploads_is_clean() => Run(Unmarked(
            WriterProgram.Replace("$FIELD", "all[i].Region")));

        // =====================================================================================================
        // 13. A singleton session holding the current contact in an instance field between calls (Reading 3).
        // =====================================================================================================

        private const string SessionProgram = """
            internal sealed class SessionContext
            {
                private static readonly SessionContext _instance = new SessionContext();
                private string _currentContact = "";

                public static SessionContext Instance { get { return _instance; } }

                public void Begin(Customer c)
                {
                    _currentContact = $CONTACT;
                }

                public void Close()
                {
                    Partner.Upload({|#0:_currentContact|});
                    _currentContact = "";
                }
            }

            internal static class SessionJob
            {
                public static void Run(Customer c)
                {
                    SessionContext.Instance.Begin(c);
                    SessionContext.Instance.Close();
                }
            }
            """;

        [Fact]
        public Task Singleton_session_field_holding_the_phone_sent_on_close_is_reported_inside_close() => Run(
            SessionProgram.Replace("$CONTACT", "c.Phone"), Min001(0));

        [Fact]
        public Task Singleton_session_field_holding_the_masked_phone_sent_on_close_is_clean() => Run(Unmarked(
            SessionProgram.Replace("$CONTACT", "StringUtil.Mask(c.Phone)")));
        // =====================================================================================================
        // 14. Helpers that fill a builder or writer the caller passes in ("parameters ... through any number of calls";
        //     Reading 10: a builder or writer is filled by Append/Write). The caller sends what was filled.
        // =====================================================================================================

        private const string BuilderHelperProgram = """
            internal static class ReportParts
            {
                public static void AppendCustomer(StringBuilder sb, Customer c)
                {
                    sb.Append(c.Id).Append(';').Append(Formatter.Join("/", $FIELD, c.Region)).AppendLine();
                }
            }

            internal static class DailyReport
            {
                public static void Send(CustomerRepository repo)
                {
                    StringBuilder sb = new StringBuilder("DAILY").AppendLine();
                    foreach (Customer c in repo.LoadAll())
                    {
                        ReportParts.AppendCustomer(sb, c);
                    }
                    Partner.Upload({|#0:sb.ToString()|});
                }
            }
            """;

        [Fact]
        public Task Helper_appending_the_name_into_the_callers_string_builder_is_reported_at_the_callers_upload() => Run(
            BuilderHelperProgram.Replace("$FIELD", "c.Name"), Min001(0));

        [Fact]
        public Task Helper_appending_the_masked_name_into_the_callers_string_builder_is_clean() => Run(Unmarked(
            BuilderHelperProgram.Replace("$FIELD", "StringUtil.Mask(c.Name)")));

        private const string WriterHelperProgram = """
            internal static class CsvRows
            {
                public static void WriteRow(TextWriter writer, Customer c)
                {
                    writer.Write(c.Id);
                    writer.Write(',');
                    writer.Write($FIELD);
                    writer.WriteLine();
                }
            }

            internal static class ExtractJob
            {
                public static void Run(CustomerRepository repo)
                {
                    using (StringWriter sw = new StringWriter())
                    {
                        List<Customer> list = repo.LoadList();
                        for (int i = 0; i < list.Count; i++)
                        {
                            CsvRows.WriteRow(sw, list[i]);
                        }
                        Partner.Upload({|#0:sw.ToString()|});
                    }
                }
            }
            """;

        [Fact]
        public Task Helper_writing_the_email_into_the_callers_string_writer_is_reported_at_the_callers_upload() => Run(
            WriterHelperProgram.Replace("$FIELD", "CsvHelper.Escape(c.Email)"), Min001(0));

        [Fact]
        public Task Helper_writing_the_masked_email_into_the_callers_string_writer_is_clean() => Run(Unmarked(
            WriterHelperProgram.Replace("$FIELD", "StringUtil.Mask(c.Email)")));

        // =====================================================================================================
        // 15. Template method keeping the current line in a protected field; the derived Deliver() sends it
        //     (Reading 3: identity living in the receiver is reported inside, at the sink).
        // =====================================================================================================

        private const string ProtectedFieldProgram = """
            internal abstract class BatchExporter
            {
                protected string Current = "";

                public void Run(Customer c)
                {
                    Current = Format(c);
                    Deliver();
                    Current = "";
                }

                protected abstract string Format(Customer c);

                protected virtual void Deliver()
                {
                    Console.WriteLine("batch line of " + Current.Length.ToString() + " chars");
                }
            }

            internal sealed class LocalBatchExporter : BatchExporter
            {
                protected override string Format(Customer c) { return c.Id.ToString(); }
            }

            internal sealed class PartnerBatchExporter : BatchExporter
            {
                protected override string Format(Customer c) { return $FORMAT; }

                protected override void Deliver()
                {
                    Partner.Upload({|#0:Current|});
                }
            }
            """;

        [Fact]
        public Task Derived_deliver_sending_the_protected_current_line_with_the_phone_is_reported_inside_deliver() => Run(
            ProtectedFieldProgram.Replace("$FORMAT", "c.Phone + \";\" + c.Region"), Min001(0));

        [Fact]
        public Task Derived_deliver_sending_the_protected_current_line_with_the_masked_phone_is_clean() => Run(Unmarked(
            ProtectedFieldProgram.Replace("$FORMAT", "StringUtil.Mask(c.Phone) + \";\" + c.Region")));

        // =====================================================================================================
        // 16. An exception built from identity and read in the same flow (Reading 9).
        // =====================================================================================================

        private const string RejectionProgram = """
            internal static class ImportValidator
            {
                public static void Check(Customer c)
                {
                    if (c.Email.IndexOf('@') < 0)
                    {
                        InvalidDataException rejection = new InvalidDataException("rejected record " + c.Id.ToString() + " for " + $WHO);
                        Partner.Send("rejections", {|#0:rejection.Message|});
                    }
                }
            }
            """;

        [Fact]
        public Task Rejection_exception_message_with_the_email_sent_to_the_partner_is_reported() => Run(
            RejectionProgram.Replace("$WHO", "c.Email"), Min001(0));

        [Fact]
        public Task Rejection_exception_message_with_the_masked_email_sent_to_the_partner_is_clean() => Run(Unmarked(
            RejectionProgram.Replace("$WHO", "StringUtil.Mask(c.Email)")));
    }
}
