using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Minimization.Analyzers.Tests.Verify;

namespace Minimization.Analyzers.Tests.Flow
{
    /// <summary>
    /// A held-out probe written from the public contract only (CONTRACT.md: the attributes, "How identity travels", MIN001
    /// and the Readings), without reading the engine: persistence, caching and state, where identity goes into storage in
    /// one method and comes out in another before it is shared. It covers the program's own in-memory repository
    /// (a dictionary in a field, with Save/Find/All/Query), a generic repository behind an interface with two
    /// implementations, a unit of work holding several stores, a cache-aside service with its own cache (GetOrCreate with a
    /// factory, Get/Set with casts back) and cache keys built from identity, session and preference bags of objects,
    /// a memento restored from an undo stack, change tracking that records old and new values, soft delete into an
    /// archive, paging and aggregates over stored rows (Count, Sum, GroupBy a non-identifying member versus GroupBy the
    /// email), projections to anonymous types and tuples mixing raw and minimized members, a static singleton, lazily
    /// initialized state (<c>Lazy&lt;T&gt;</c> and <c>??=</c>), records stored and updated with <c>with</c>,
    /// <c>ConcurrentDictionary</c> AddOrUpdate/GetOrAdd, and a stored row overwritten with a minimized value before export
    /// versus a minimized copy made while the original is sent. Every reported case has near-miss twins that stay clean:
    /// the value minimized before it is stored, only non-identifying or scalar members exported (Reading 11), or a second
    /// store that never receives identity. Types are internal so that MIN010 stays out of the picture.
    /// </summary>
    public class HeldOutPersistenceTests
    {
        private static Task Run(string program, params DiagnosticResult[] expected) => Check(Complete(program), withPrelude: false, expected);

        private static string Complete(string program) => Header + Filled(program);

        /// <summary>
        /// The domain every program shares: the customer, plain stored rows, the program's own repositories and cache, the
        /// sinks and two minimizers.
        /// </summary>
        private const string Header = """
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Linq;
            using System.Security.Cryptography;
            using System.Text;
            using Minimization;

            [IdentityBearing]
            internal class Customer
            {
                [NonIdentifying] public Guid Id { get; set; }
                [NonIdentifying] public int Tier { get; set; }
                [NonIdentifying] public string Region { get; set; } = "";
                [NonIdentifying] public bool Deleted { get; set; }
                [IdentityBearing(IdentityCategory.Name)] public string Name { get; set; } = "";
                [IdentityBearing(IdentityCategory.Email)] public string Email { get; set; } = "";
                [IdentityBearing(IdentityCategory.Phone)] public string Phone { get; set; } = "";
            }

            internal interface IEntity
            {
                Guid Id { get; }
            }

            internal sealed class ContactRow : IEntity
            {
                public Guid Id { get; set; }
                public string Region { get; set; } = "";
                public string Email { get; set; } = "";
                public int Visits { get; set; }
                public decimal Spend { get; set; }
            }

            internal sealed class AuditRow : IEntity
            {
                public Guid Id { get; set; }
                public int Changes { get; set; }
                public DateTime At { get; set; }
            }

            internal sealed class CustomerRepository
            {
                private readonly Dictionary<Guid, Customer> _rows = new();

                public void Save(Customer c) => _rows[c.Id] = c;

                public Customer? Find(Guid id) => _rows.TryGetValue(id, out Customer? c) ? c : null;

                public IEnumerable<Customer> All() => _rows.Values;

                public IEnumerable<Customer> Query(Func<Customer, bool> predicate) => _rows.Values.Where(predicate);
            }

            internal sealed class ContactRepository
            {
                private readonly Dictionary<Guid, ContactRow> _rows = new();

                public void Save(ContactRow row) => _rows[row.Id] = row;

                public ContactRow? Find(Guid id) => _rows.TryGetValue(id, out ContactRow? row) ? row : null;

                public IReadOnlyList<ContactRow> All() => _rows.Values.ToList();

                public IEnumerable<ContactRow> Query(Func<ContactRow, bool> filter) => _rows.Values.Where(filter);
            }

            internal interface IRepository<T> where T : class, IEntity
            {
                void Add(T item);
                T? Get(Guid id);
                IReadOnlyList<T> List();
            }

            internal sealed class MemoryRepository<T> : IRepository<T> where T : class, IEntity
            {
                private readonly Dictionary<Guid, T> _items = new();

                public void Add(T item) => _items[item.Id] = item;

                public T? Get(Guid id) => _items.TryGetValue(id, out T? item) ? item : null;

                public IReadOnlyList<T> List() => _items.Values.ToList();
            }

            internal sealed class ListRepository<T> : IRepository<T> where T : class, IEntity
            {
                private readonly List<T> _items = new();

                public void Add(T item) => _items.Add(item);

                public T? Get(Guid id) => _items.FirstOrDefault(i => i.Id == id);

                public IReadOnlyList<T> List() => _items;
            }

            internal interface ICache
            {
                object? Get(string key);
                void Set(string key, object value);
                IEnumerable<string> Keys { get; }
                T GetOrCreate<T>(string key, Func<T> factory) where T : notnull;
            }

            internal sealed class MemoryCache : ICache
            {
                private readonly Dictionary<string, object> _entries = new();

                public object? Get(string key) => _entries.TryGetValue(key, out object? value) ? value : null;

                public void Set(string key, object value) => _entries[key] = value;

                public IEnumerable<string> Keys => _entries.Keys;

                public T GetOrCreate<T>(string key, Func<T> factory) where T : notnull
                {
                    if (Get(key) is T hit)
                    {
                        return hit;
                    }

                    T created = factory();
                    Set(key, created);
                    return created;
                }
            }

            internal static class Partner
            {
                [PartnerShare("acme")] public static void Upload(string payload) { }
                [PartnerShare("acme")] public static void UploadObject(object value) { }
                [PartnerShare("acme")] public static void UploadId(Guid id) { }
                [PartnerShare("acme")] public static void UploadNumber(decimal value) { }
                [PartnerShare("acme")] public static void UploadTime(DateTime at) { }
            }

            internal static class Privacy
            {
                private static readonly byte[] Pepper = Encoding.UTF8.GetBytes("pepper-2024");

                [Minimizer]
                public static string Hash(string value)
                {
                    return Convert.ToHexString(HMACSHA256.HashData(Pepper, Encoding.UTF8.GetBytes(value)));
                }

                [Minimizer]
                public static string Last4(string phone)
                {
                    return phone.Length > 4 ? phone.Substring(phone.Length - 4) : phone;
                }
            }

            """;

        // =====================================================================================================
        // 1. The program's own repository of customers: Save in one service, Find/Query in another.
        // =====================================================================================================

        private const string CustomerStoreProgram = """
            internal sealed class Onboarding
            {
                private readonly CustomerRepository _repo;

                public Onboarding(CustomerRepository repo) => _repo = repo;

                public void Register(Customer c) => _repo.Save(c);
            }

            internal sealed class PartnerSync
            {
                private readonly CustomerRepository _repo;

                public PartnerSync(CustomerRepository repo) => _repo = repo;

                public void One(Guid id)
                {
                    Customer? c = _repo.Find(id);
                    if (c is null)
                    {
                        return;
                    }

                    $ONE
                }

                public void Premium()
                {
                    foreach (Customer c in _repo.Query(x => x.Tier >= 3))
                    {
                        $EACH
                    }
                }
            }
            """;

        [Fact]
        public Task Email_of_a_customer_found_in_the_repository_is_reported() => Run(
            CustomerStoreProgram.Replace("$ONE", "Partner.Upload({|#0:c.Email|});").Replace("$EACH", ""), Min001(0));

        [Fact]
        public Task Non_identifying_members_of_a_customer_found_in_the_repository_are_clean() => Run(
            CustomerStoreProgram.Replace("$ONE", """
                Partner.Upload(c.Region);
                Partner.UploadId(c.Id);
                Partner.UploadNumber(c.Tier);
                """).Replace("$EACH", ""));

        [Fact]
        public Task Phone_of_each_customer_from_a_repository_query_is_reported() => Run(
            CustomerStoreProgram.Replace("$ONE", "").Replace("$EACH", "Partner.Upload({|#0:c.Phone|});"), Min001(0));

        [Fact]
        public Task Region_and_minimized_phone_of_each_customer_from_a_repository_query_are_clean() => Run(
            CustomerStoreProgram.Replace("$ONE", "").Replace("$EACH", """
                Partner.Upload(c.Region);
                Partner.Upload(Privacy.Last4(c.Phone));
                """));

        // =====================================================================================================
        // 2. A store of plain strings: the identity is only in what was put in.
        // =====================================================================================================

        private const string ContactBookProgram = """
            internal sealed class ContactBook
            {
                private readonly Dictionary<Guid, string> _emails = new();

                public void Remember(Customer c) => _emails[c.Id] = $VALUE;

                public string Lookup(Guid id) => _emails.TryGetValue(id, out string? email) ? email : "";
            }

            internal sealed class Newsletter
            {
                private readonly ContactBook _book;

                public Newsletter(ContactBook book) => _book = book;

                public void Share(Guid id)
                {
                    string email = _book.Lookup(id);
                    Partner.Upload({|#0:email|});
                }
            }
            """;

        [Fact]
        public Task Raw_email_remembered_in_a_string_dictionary_field_and_looked_up_later_is_reported() => Run(
            ContactBookProgram.Replace("$VALUE", "c.Email"), Min001(0));

        [Fact]
        public Task Hashed_email_remembered_in_a_string_dictionary_field_and_looked_up_later_is_clean() => Run(Unmarked(
            ContactBookProgram.Replace("$VALUE", "Privacy.Hash(c.Email)")));

        // =====================================================================================================
        // 3. A repository of plain rows: find, query, list, page.
        // =====================================================================================================

        private const string ContactRowProgram = """
            internal sealed class Signup
            {
                private readonly ContactRepository _repo;

                public Signup(ContactRepository repo) => _repo = repo;

                public void Register(Customer c)
                {
                    _repo.Save(new ContactRow { Id = c.Id, Region = c.Region, Email = $EMAIL, Visits = 1, Spend = 0m });
                }
            }

            internal sealed class ContactExport
            {
                private readonly ContactRepository _repo;

                public ContactExport(ContactRepository repo) => _repo = repo;

                public void Run(Guid id)
                {
                    $SEND
                }
            }
            """;

        private const string FindEmail = """
            ContactRow? row = _repo.Find(id);
            if (row is not null)
            {
                Partner.Upload({|#0:row.Email|});
            }
            """;

        [Fact]
        public Task Email_member_of_a_stored_row_found_by_id_is_reported() => Run(
            ContactRowProgram.Replace("$EMAIL", "c.Email").Replace("$SEND", FindEmail), Min001(0));

        [Fact]
        public Task Email_member_of_a_stored_row_that_was_hashed_before_saving_is_clean() => Run(Unmarked(
            ContactRowProgram.Replace("$EMAIL", "Privacy.Hash(c.Email)").Replace("$SEND", FindEmail)));

        [Fact]
        public Task Scalar_members_of_a_stored_row_holding_the_raw_email_are_clean() => Run(
            ContactRowProgram.Replace("$EMAIL", "c.Email").Replace("$SEND", """
                ContactRow? row = _repo.Find(id);
                if (row is not null)
                {
                    Partner.UploadId(row.Id);
                    Partner.UploadNumber(row.Visits);
                    Partner.UploadNumber(row.Spend);
                }
                """));

        [Fact]
        public Task Email_of_each_row_from_a_repository_query_with_a_predicate_is_reported() => Run(
            ContactRowProgram.Replace("$EMAIL", "c.Email").Replace("$SEND", """
                foreach (ContactRow row in _repo.Query(r => r.Visits > 3))
                {
                    Partner.Upload({|#0:row.Email|});
                }
                """), Min001(0));

        [Fact]
        public Task All_stored_rows_sent_whole_are_reported_when_they_hold_the_raw_email() => Run(
            ContactRowProgram.Replace("$EMAIL", "c.Email").Replace("$SEND", "Partner.UploadObject({|#0:_repo.All()|});"), Min001(0));

        [Fact]
        public Task All_stored_rows_sent_whole_are_clean_when_the_email_was_hashed_before_saving() => Run(
            ContactRowProgram.Replace("$EMAIL", "Privacy.Hash(c.Email)").Replace("$SEND", "Partner.UploadObject(_repo.All());"));

        [Fact]
        public Task Page_of_emails_taken_with_OrderBy_Skip_Take_from_stored_rows_is_reported() => Run(
            ContactRowProgram.Replace("$EMAIL", "c.Email").Replace("$SEND", """
                List<string> page = _repo.All().OrderBy(r => r.Visits).Skip(20).Take(10).Select(r => r.Email).ToList();
                Partner.UploadObject({|#0:page|});
                """), Min001(0));

        [Fact]
        public Task Page_of_ids_taken_with_OrderBy_Skip_Take_from_rows_holding_the_raw_email_is_clean() => Run(
            ContactRowProgram.Replace("$EMAIL", "c.Email").Replace("$SEND", """
                List<Guid> page = _repo.All().OrderByDescending(r => r.Spend).Skip(20).Take(10).Select(r => r.Id).ToList();
                Partner.UploadObject(page);
                """));

        [Fact]
        public Task Page_of_whole_rows_is_clean_when_the_email_was_hashed_before_saving() => Run(
            ContactRowProgram.Replace("$EMAIL", "Privacy.Hash(c.Email)").Replace("$SEND", """
                List<ContactRow> page = _repo.All().OrderBy(r => r.Visits).Skip(20).Take(10).ToList();
                Partner.UploadObject(page);
                """));

        // =====================================================================================================
        // 4. Aggregates over stored customers.
        // =====================================================================================================

        private const string DashboardProgram = """
            internal sealed class Dashboard
            {
                private readonly CustomerRepository _repo;

                public Dashboard(CustomerRepository repo) => _repo = repo;

                public void Publish()
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Count_and_sum_of_tiers_over_stored_customers_are_clean() => Run(
            DashboardProgram.Replace("$SEND", """
                Partner.UploadNumber(_repo.All().Count());
                Partner.UploadNumber(_repo.All().Sum(c => c.Tier));
                Partner.UploadNumber(_repo.Query(c => c.Deleted).Count());
                """));

        [Fact]
        public Task Customer_counts_grouped_by_region_are_clean() => Run(
            DashboardProgram.Replace("$SEND", """
                var byRegion = _repo.All().GroupBy(c => c.Region).Select(g => new { Region = g.Key, Customers = g.Count() }).ToList();
                Partner.UploadObject(byRegion);
                """));

        [Fact]
        public Task Customer_counts_grouped_by_email_are_reported_because_the_keys_are_identity() => Run(
            DashboardProgram.Replace("$SEND", """
                var byEmail = _repo.All().GroupBy(c => c.Email).Select(g => new { Email = g.Key, Customers = g.Count() }).ToList();
                Partner.UploadObject({|#0:byEmail|});
                """), Min001(0));

        [Fact]
        public Task Customer_counts_grouped_by_hashed_email_are_clean() => Run(
            DashboardProgram.Replace("$SEND", """
                var byToken = _repo.All().GroupBy(c => Privacy.Hash(c.Email)).Select(g => new { Token = g.Key, Customers = g.Count() }).ToList();
                Partner.UploadObject(byToken);
                """));

        // =====================================================================================================
        // 5. A generic repository behind an interface, two implementations, two entity types.
        // =====================================================================================================

        private const string GenericRepositoryProgram = """
            internal sealed class Registration
            {
                private readonly IRepository<ContactRow> _contacts;
                private readonly IRepository<AuditRow> _audits;

                public Registration(IRepository<ContactRow> contacts, IRepository<AuditRow> audits)
                {
                    _contacts = contacts;
                    _audits = audits;
                }

                public void Register(Customer c)
                {
                    _contacts.Add(new ContactRow { Id = c.Id, Region = c.Region, Email = $EMAIL });
                    _audits.Add(new AuditRow { Id = Guid.NewGuid(), Changes = 1, At = DateTime.UtcNow });
                }
            }

            internal sealed class NightlyShare
            {
                private readonly IRepository<ContactRow> _contacts;
                private readonly IRepository<AuditRow> _audits;

                public NightlyShare(IRepository<ContactRow> contacts, IRepository<AuditRow> audits)
                {
                    _contacts = contacts;
                    _audits = audits;
                }

                public void Run(Guid id)
                {
                    $SEND
                }
            }

            internal static class CompositionRoot
            {
                public static (Registration, NightlyShare) Build()
                {
                    IRepository<ContactRow> contacts = new MemoryRepository<ContactRow>();
                    IRepository<AuditRow> audits = new ListRepository<AuditRow>();
                    return (new Registration(contacts, audits), new NightlyShare(contacts, audits));
                }
            }
            """;

        private const string GetEmailThroughInterface = """
            ContactRow? row = _contacts.Get(id);
            if (row is not null)
            {
                Partner.Upload({|#0:row.Email|});
            }
            """;

        [Fact]
        public Task Email_added_through_a_generic_repository_interface_and_read_back_elsewhere_is_reported() => Run(
            GenericRepositoryProgram.Replace("$EMAIL", "c.Email").Replace("$SEND", GetEmailThroughInterface), Min001(0));

        [Fact]
        public Task Hashed_email_added_through_a_generic_repository_interface_and_read_back_elsewhere_is_clean() => Run(Unmarked(
            GenericRepositoryProgram.Replace("$EMAIL", "Privacy.Hash(c.Email)").Replace("$SEND", GetEmailThroughInterface)));

        [Fact]
        public Task Listing_of_a_generic_repository_holding_raw_emails_sent_whole_is_reported() => Run(
            GenericRepositoryProgram.Replace("$EMAIL", "c.Email").Replace("$SEND", "Partner.UploadObject({|#0:_contacts.List()|});"), Min001(0));

        [Fact(Skip = "engine gap: the _items of ListRepository<ContactRow> and of ListRepository<AuditRow> are one abstract list (a shared field is one value across the type arguments of its class, as in HeldOutGenericInfraTests), so the audit listing reads the contact rows Add put in through IRepository<ContactRow>: MIN001 \"Customer.Email → ContactRow.Email → ListRepository.Add(T) → ListRepository._items → ListRepository.List() → Partner.UploadObject\"")]
        public Task Listing_of_the_audit_repository_is_clean_while_the_contact_repository_holds_raw_emails() => Run(
            GenericRepositoryProgram.Replace("$EMAIL", "c.Email").Replace("$SEND", "Partner.UploadObject(_audits.List());"));

        // =====================================================================================================
        // 6. A unit of work holding several stores.
        // =====================================================================================================

        private const string UnitOfWorkProgram = """
            internal sealed class UnitOfWork
            {
                public IRepository<ContactRow> Contacts { get; } = new MemoryRepository<ContactRow>();
                public IRepository<AuditRow> Audits { get; } = new ListRepository<AuditRow>();
                public List<string> Notes { get; } = new();
                public int Commits { get; private set; }

                public void Commit() => Commits++;
            }

            internal sealed class RegisterCustomer
            {
                private readonly UnitOfWork _uow;

                public RegisterCustomer(UnitOfWork uow) => _uow = uow;

                public void Handle(Customer c)
                {
                    _uow.Contacts.Add(new ContactRow { Id = c.Id, Region = c.Region, Email = c.Email });
                    _uow.Audits.Add(new AuditRow { Id = c.Id, Changes = 1, At = DateTime.UtcNow });
                    _uow.Notes.Add($NOTE);
                    _uow.Commit();
                }
            }

            internal sealed class PartnerFeed
            {
                private readonly UnitOfWork _uow;

                public PartnerFeed(UnitOfWork uow) => _uow = uow;

                public void Push(Guid id)
                {
                    $SEND
                }
            }
            """;

        private const string SendNotes = """
            foreach (string note in _uow.Notes)
            {
                Partner.Upload({|#0:note|});
            }
            """;

        [Fact]
        public Task Note_naming_the_customer_kept_in_a_unit_of_work_and_pushed_later_is_reported() => Run(
            UnitOfWorkProgram.Replace("$NOTE", "$\"registered {c.Name} in {c.Region}\"").Replace("$SEND", SendNotes), Min001(0));

        [Fact]
        public Task Note_with_only_the_customer_id_kept_in_a_unit_of_work_is_clean() => Run(Unmarked(
            UnitOfWorkProgram.Replace("$NOTE", "$\"registered {c.Id} in {c.Region}\"").Replace("$SEND", SendNotes)));

        [Fact]
        public Task Email_read_from_the_contact_repository_of_a_unit_of_work_is_reported() => Run(
            UnitOfWorkProgram.Replace("$NOTE", "$\"registered {c.Id}\"").Replace("$SEND", """
                ContactRow? row = _uow.Contacts.Get(id);
                if (row is not null)
                {
                    Partner.Upload({|#0:row.Email|});
                }
                """), Min001(0));

        [Fact(Skip = "engine gap: the _items of ListRepository<ContactRow> and of ListRepository<AuditRow> are one abstract list (a shared field is one value across the type arguments of its class, as in HeldOutGenericInfraTests), so the audit listing reads the contact rows Add put in through IRepository<ContactRow>: MIN001 \"Customer.Email → ContactRow.Email → ListRepository.Add(T) → ListRepository._items → ListRepository.List() → Partner.UploadObject\"")]
        public Task Audit_rows_and_commit_count_of_a_unit_of_work_whose_contacts_hold_raw_emails_are_clean() => Run(
            UnitOfWorkProgram.Replace("$NOTE", "$\"registered {c.Id}\"").Replace("$SEND", """
                Partner.UploadObject(_uow.Audits.List());
                Partner.UploadNumber(_uow.Commits);
                """));

        // =====================================================================================================
        // 7. Cache-aside: GetOrCreate with a factory, and Get/Set with a cast back.
        // =====================================================================================================

        private const string CacheAsideProgram = """
            internal sealed class ContactLookup
            {
                private readonly ICache _cache;
                private readonly CustomerRepository _customers;

                public ContactLookup(ICache cache, CustomerRepository customers)
                {
                    _cache = cache;
                    _customers = customers;
                }

                public string EmailFor(Guid id) => _cache.GetOrCreate("email:" + id, () => $LOAD);
            }

            internal sealed class ReferralExport
            {
                private readonly ContactLookup _lookup;

                public ReferralExport(ContactLookup lookup) => _lookup = lookup;

                public void Share(Guid id) => Partner.Upload({|#0:_lookup.EmailFor(id)|});
            }
            """;

        [Fact]
        public Task Raw_email_cached_by_a_GetOrCreate_factory_and_shared_by_another_service_is_reported() => Run(
            CacheAsideProgram.Replace("$LOAD", "_customers.Find(id)?.Email ?? \"\""), Min001(0));

        [Fact]
        public Task Hashed_email_cached_by_a_GetOrCreate_factory_is_clean() => Run(Unmarked(
            CacheAsideProgram.Replace("$LOAD", "Privacy.Hash(_customers.Find(id)?.Email ?? \"\")")));

        private const string CacheSetGetProgram = """
            internal sealed class LoginHandler
            {
                private readonly ICache _cache;

                public LoginHandler(ICache cache) => _cache = cache;

                public void OnLogin(Customer c) => _cache.Set("last-login:" + c.Id, $VALUE);
            }

            internal sealed class SupportExport
            {
                private readonly ICache _cache;

                public SupportExport(ICache cache) => _cache = cache;

                public void Share(Guid id)
                {
                    string? contact = _cache.Get("last-login:" + id) as string;
                    if (contact is not null)
                    {
                        Partner.Upload({|#0:contact|});
                    }
                }
            }
            """;

        [Fact]
        public Task Raw_phone_set_in_the_cache_and_cast_back_elsewhere_is_reported() => Run(
            CacheSetGetProgram.Replace("$VALUE", "c.Phone"), Min001(0));

        [Fact]
        public Task Minimized_phone_set_in_the_cache_and_cast_back_elsewhere_is_clean() => Run(Unmarked(
            CacheSetGetProgram.Replace("$VALUE", "Privacy.Last4(c.Phone)")));

        // =====================================================================================================
        // 8. Cache keys built from identity: the key itself is identity.
        // =====================================================================================================

        private const string CacheKeysProgram = """
            internal sealed class VisitCounter
            {
                private readonly ICache _cache;

                public VisitCounter(ICache cache) => _cache = cache;

                public void Count(Customer c)
                {
                    string key = $KEY;
                    int visits = _cache.Get(key) is int n ? n + 1 : 1;
                    _cache.Set(key, visits);
                }
            }

            internal sealed class CacheReport
            {
                private readonly ICache _cache;

                public CacheReport(ICache cache) => _cache = cache;

                public void Ship()
                {
                    foreach (string key in _cache.Keys)
                    {
                        Partner.Upload({|#0:key|});
                    }
                }
            }
            """;

        [Fact]
        public Task Cache_keys_built_from_the_email_and_enumerated_by_a_report_are_reported() => Run(
            CacheKeysProgram.Replace("$KEY", "\"visits:\" + c.Email"), Min001(0));

        [Fact]
        public Task Cache_keys_built_from_the_customer_id_and_enumerated_by_a_report_are_clean() => Run(Unmarked(
            CacheKeysProgram.Replace("$KEY", "\"visits:\" + c.Id")));

        private const string CacheMissProgram = """
            internal sealed class ProfileCache
            {
                private readonly ICache _cache;
                private readonly List<string> _misses = new();

                public ProfileCache(ICache cache) => _cache = cache;

                public void Warm(Customer c)
                {
                    string key = $KEY;
                    if (_cache.Get(key) is null)
                    {
                        _misses.Add(key);
                        _cache.Set(key, c.Tier);
                    }
                }

                public void ReportMisses() => Partner.UploadObject({|#0:_misses|});
            }
            """;

        [Fact]
        public Task Missed_cache_keys_interpolating_the_email_kept_in_a_list_and_reported_later_are_reported() => Run(
            CacheMissProgram.Replace("$KEY", "$\"profile:{c.Email}\""), Min001(0));

        [Fact]
        public Task Missed_cache_keys_interpolating_the_hashed_email_are_clean() => Run(Unmarked(
            CacheMissProgram.Replace("$KEY", "$\"profile:{Privacy.Hash(c.Email)}\"")));

        // =====================================================================================================
        // 9. Session and preference bags of objects, with casts back.
        // =====================================================================================================

        private const string SessionProgram = """
            internal sealed class SessionState
            {
                private readonly Dictionary<string, object> _bag = new();

                public object this[string name]
                {
                    get => _bag[name];
                    set => _bag[name] = value;
                }

                public void Put(string name, object value) => _bag[name] = value;

                public T Take<T>(string name) => (T)_bag[name];
            }

            internal sealed class Preferences
            {
                private readonly Dictionary<string, object> _values = new();

                public void Set(string name, object value) => _values[name] = value;

                public object Get(string name) => _values[name];
            }

            internal sealed class SignIn
            {
                private readonly SessionState _session;
                private readonly Preferences _prefs;

                public SignIn(SessionState session, Preferences prefs)
                {
                    _session = session;
                    _prefs = prefs;
                }

                public void Handle(Customer c)
                {
                    _session["user.email"] = $VALUE;
                    _session.Put("user.tier", c.Tier);
                    _prefs.Set("region", c.Region);
                    _prefs.Set("tier", c.Tier);
                }
            }

            internal sealed class CheckoutShare
            {
                private readonly SessionState _session;
                private readonly Preferences _prefs;

                public CheckoutShare(SessionState session, Preferences prefs)
                {
                    _session = session;
                    _prefs = prefs;
                }

                public void Finish()
                {
                    $SEND
                }
            }
            """;

        private const string SendSessionEmail = """
            string email = (string)_session["user.email"];
            Partner.Upload({|#0:email|});
            """;

        [Fact]
        public Task Raw_email_put_in_a_session_bag_through_its_indexer_and_cast_back_is_reported() => Run(
            SessionProgram.Replace("$VALUE", "c.Email").Replace("$SEND", SendSessionEmail), Min001(0));

        [Fact]
        public Task Hashed_email_put_in_a_session_bag_and_cast_back_is_clean() => Run(Unmarked(
            SessionProgram.Replace("$VALUE", "Privacy.Hash(c.Email)").Replace("$SEND", SendSessionEmail)));

        [Fact]
        public Task Raw_email_taken_from_a_session_bag_with_a_generic_cast_helper_is_reported() => Run(
            SessionProgram.Replace("$VALUE", "c.Email").Replace("$SEND", "Partner.Upload({|#0:_session.Take<string>(\"user.email\")|});"), Min001(0));

        [Fact]
        public Task Preference_bag_that_never_receives_identity_is_clean_beside_a_session_bag_holding_the_raw_email() => Run(
            SessionProgram.Replace("$VALUE", "c.Email").Replace("$SEND", """
                string region = (string)_prefs.Get("region");
                Partner.Upload(region);
                Partner.UploadNumber((int)_prefs.Get("tier"));
                """));

        // =====================================================================================================
        // 10. A memento pushed on an undo stack and restored later.
        // =====================================================================================================

        private const string MementoProgram = """
            internal sealed record FormMemento(string Email, string Region, int Revision);

            internal sealed class ContactForm
            {
                public string Email { get; set; } = "";
                public string Region { get; set; } = "";
                public int Revision { get; set; }

                public FormMemento Save() => new FormMemento(Email, Region, Revision);

                public void Restore(FormMemento m)
                {
                    Email = m.Email;
                    Region = m.Region;
                    Revision = m.Revision;
                }
            }

            internal sealed class FormHistory
            {
                private readonly Stack<FormMemento> _undo = new();

                public void Push(FormMemento m) => _undo.Push(m);

                public FormMemento Pop() => _undo.Pop();
            }

            internal sealed class ContactEditor
            {
                private readonly ContactForm _form = new();
                private readonly FormHistory _history = new();

                public void Load(Customer c)
                {
                    _form.Email = $EMAIL;
                    _form.Region = c.Region;
                    _form.Revision = 1;
                    _history.Push(_form.Save());
                    _form.Email = "";
                    _form.Revision = 2;
                }

                public void UndoAndShare()
                {
                    _form.Restore(_history.Pop());
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Raw_email_restored_from_a_memento_on_an_undo_stack_is_reported() => Run(
            MementoProgram.Replace("$EMAIL", "c.Email").Replace("$SEND", "Partner.Upload({|#0:_form.Email|});"), Min001(0));

        [Fact]
        public Task Hashed_email_restored_from_a_memento_on_an_undo_stack_is_clean() => Run(
            MementoProgram.Replace("$EMAIL", "Privacy.Hash(c.Email)").Replace("$SEND", "Partner.Upload(_form.Email);"));

        [Fact]
        public Task Revision_number_restored_from_a_memento_holding_the_raw_email_is_clean() => Run(
            MementoProgram.Replace("$EMAIL", "c.Email").Replace("$SEND", "Partner.UploadNumber(_form.Revision);"));

        // =====================================================================================================
        // 11. Change tracking: old and new values recorded into a list, drained and exported later.
        // =====================================================================================================

        private const string ChangeTrackingProgram = """
            internal sealed record Change(string Property, string? OldValue, string? NewValue, DateTime At);

            internal sealed class ChangeTracker
            {
                private readonly List<Change> _changes = new();

                public void Record(string property, string? oldValue, string? newValue)
                    => _changes.Add(new Change(property, oldValue, newValue, DateTime.UtcNow));

                public IReadOnlyList<Change> Drain()
                {
                    List<Change> batch = _changes.ToList();
                    _changes.Clear();
                    return batch;
                }
            }

            internal sealed class ProfileService
            {
                private readonly ChangeTracker _tracker;

                public ProfileService(ChangeTracker tracker) => _tracker = tracker;

                public void ChangeEmail(Customer c, [IdentityBearing(IdentityCategory.Email)] string newEmail)
                {
                    _tracker.Record(nameof(Customer.Email), $OLD, $NEW);
                    c.Email = newEmail;
                }
            }

            internal sealed class ChangeFeed
            {
                private readonly ChangeTracker _tracker;

                public ChangeFeed(ChangeTracker tracker) => _tracker = tracker;

                public void Ship()
                {
                    $SEND
                }
            }
            """;

        private const string SendOldValues = """
            foreach (Change change in _tracker.Drain())
            {
                Partner.Upload({|#0:change.OldValue ?? ""|});
            }
            """;

        [Fact]
        public Task Old_email_recorded_by_change_tracking_and_exported_later_is_reported() => Run(
            ChangeTrackingProgram.Replace("$OLD", "c.Email").Replace("$NEW", "newEmail").Replace("$SEND", SendOldValues), Min001(0));

        [Fact]
        public Task Old_and_new_emails_hashed_before_change_tracking_records_them_are_clean() => Run(Unmarked(
            ChangeTrackingProgram.Replace("$OLD", "Privacy.Hash(c.Email)").Replace("$NEW", "Privacy.Hash(newEmail)").Replace("$SEND", SendOldValues)));

        [Fact]
        public Task Whole_drained_change_list_holding_the_new_raw_email_is_reported() => Run(
            ChangeTrackingProgram.Replace("$OLD", "Privacy.Hash(c.Email)").Replace("$NEW", "newEmail")
                .Replace("$SEND", "Partner.UploadObject({|#0:_tracker.Drain()|});"), Min001(0));

        [Fact]
        public Task Timestamps_of_tracked_changes_holding_raw_emails_are_clean() => Run(
            ChangeTrackingProgram.Replace("$OLD", "c.Email").Replace("$NEW", "newEmail").Replace("$SEND", """
                foreach (Change change in _tracker.Drain())
                {
                    Partner.UploadTime(change.At);
                }
                """));

        // =====================================================================================================
        // 12. Soft delete: rows copied into an archive list.
        // =====================================================================================================

        private const string ArchiveProgram = """
            internal sealed class ArchivedContact
            {
                public Guid Id { get; set; }
                public DateTime DeletedAt { get; set; }
                public int Tier { get; set; }
                public string Email { get; set; } = "";
            }

            internal sealed class Archival
            {
                private readonly CustomerRepository _live;
                private readonly List<ArchivedContact> _archive = new();

                public Archival(CustomerRepository live) => _live = live;

                public void SoftDelete(Guid id)
                {
                    Customer? c = _live.Find(id);
                    if (c is null)
                    {
                        return;
                    }

                    c.Deleted = true;
                    _archive.Add(new ArchivedContact { Id = c.Id, DeletedAt = DateTime.UtcNow, Tier = c.Tier, Email = $EMAIL });
                }

                public IReadOnlyList<ArchivedContact> Archived => _archive;
            }

            internal sealed class RetentionReport
            {
                private readonly Archival _archival;

                public RetentionReport(Archival archival) => _archival = archival;

                public void Send()
                {
                    foreach (ArchivedContact row in _archival.Archived)
                    {
                        $SEND
                    }
                }
            }
            """;

        [Fact]
        public Task Email_copied_into_the_archive_on_soft_delete_and_reported_on_later_is_reported() => Run(
            ArchiveProgram.Replace("$EMAIL", "c.Email").Replace("$SEND", "Partner.Upload({|#0:row.Email|});"), Min001(0));

        [Fact]
        public Task Email_hashed_before_archiving_is_clean() => Run(
            ArchiveProgram.Replace("$EMAIL", "Privacy.Hash(c.Email)").Replace("$SEND", "Partner.Upload(row.Email);"));

        [Fact]
        public Task Id_time_and_tier_of_archived_rows_holding_the_raw_email_are_clean() => Run(
            ArchiveProgram.Replace("$EMAIL", "c.Email").Replace("$SEND", """
                Partner.UploadId(row.Id);
                Partner.UploadTime(row.DeletedAt);
                Partner.UploadNumber(row.Tier);
                """));

        // =====================================================================================================
        // 13. A static singleton holding state.
        // =====================================================================================================

        private const string SingletonProgram = """
            internal sealed class AppState
            {
                public static AppState Instance { get; } = new AppState();

                private AppState() { }

                public string? LastContact { get; set; }
                public int Logins { get; set; }
            }

            internal static class LoginAudit
            {
                public static void OnLogin(Customer c)
                {
                    AppState.Instance.LastContact = $VALUE;
                    AppState.Instance.Logins++;
                }
            }

            internal static class StatusPage
            {
                public static void Publish()
                {
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Raw_phone_kept_on_a_static_singleton_and_published_elsewhere_is_reported() => Run(
            SingletonProgram.Replace("$VALUE", "c.Phone").Replace("$SEND", "Partner.Upload({|#0:AppState.Instance.LastContact ?? \"\"|});"), Min001(0));

        [Fact]
        public Task Minimized_phone_kept_on_a_static_singleton_is_clean() => Run(
            SingletonProgram.Replace("$VALUE", "Privacy.Last4(c.Phone)").Replace("$SEND", "Partner.Upload(AppState.Instance.LastContact ?? \"\");"));

        [Fact]
        public Task Login_counter_of_a_static_singleton_holding_the_raw_phone_is_clean() => Run(
            SingletonProgram.Replace("$VALUE", "c.Phone").Replace("$SEND", "Partner.UploadNumber(AppState.Instance.Logins);"));

        // =====================================================================================================
        // 14. Lazily initialized state: Lazy<T> and ??=.
        // =====================================================================================================

        private const string LazyProgram = """
            internal sealed class AccountOwner
            {
                private readonly Lazy<string> _contact;

                public AccountOwner(CustomerRepository repo, Guid ownerId)
                {
                    _contact = new Lazy<string>(() => $LOAD);
                }

                public string Contact => _contact.Value;
            }

            internal static class OwnerShare
            {
                public static void Share(AccountOwner owner) => Partner.Upload({|#0:owner.Contact|});
            }
            """;

        [Fact]
        public Task Raw_phone_loaded_by_a_Lazy_factory_and_shared_through_a_property_is_reported() => Run(
            LazyProgram.Replace("$LOAD", "repo.Find(ownerId)?.Phone ?? \"\""), Min001(0));

        [Fact]
        public Task Minimized_phone_loaded_by_a_Lazy_factory_is_clean() => Run(Unmarked(
            LazyProgram.Replace("$LOAD", "Privacy.Last4(repo.Find(ownerId)?.Phone ?? \"\")")));

        private const string CoalesceAssignProgram = """
            internal sealed class ProfileCard
            {
                private readonly Customer _owner;
                private string? _headline;

                public ProfileCard(Customer owner) => _owner = owner;

                public string Headline => _headline ??= $HEADLINE;
            }

            internal static class CardShare
            {
                public static void Share(ProfileCard card) => Partner.Upload({|#0:card.Headline|});
            }
            """;

        [Fact]
        public Task Headline_with_the_name_cached_in_a_field_by_null_coalescing_assignment_is_reported() => Run(
            CoalesceAssignProgram.Replace("$HEADLINE", "$\"{_owner.Name} ({_owner.Region})\""), Min001(0));

        [Fact]
        public Task Headline_with_only_tier_and_region_cached_by_null_coalescing_assignment_is_clean() => Run(Unmarked(
            CoalesceAssignProgram.Replace("$HEADLINE", "$\"Tier {_owner.Tier} ({_owner.Region})\"")));

        // =====================================================================================================
        // 15. Records stored and later updated with `with`.
        // =====================================================================================================

        private const string RecordStoreProgram = """
            internal sealed record ContactRecord(Guid Id, string Region, string Email, int Version);

            internal sealed class RecordStore
            {
                private readonly Dictionary<Guid, ContactRecord> _records = new();

                public void Put(ContactRecord record) => _records[record.Id] = record;

                public ContactRecord Get(Guid id) => _records[id];
            }

            internal sealed class RecordWriter
            {
                private readonly RecordStore _store;

                public RecordWriter(RecordStore store) => _store = store;

                public void Register(Customer c) => _store.Put(new ContactRecord(c.Id, c.Region, c.Email, 1));
            }

            internal sealed class RecordShare
            {
                private readonly RecordStore _store;

                public RecordShare(RecordStore store) => _store = store;

                public void Share(Guid id)
                {
                    ContactRecord current = _store.Get(id);
                    $SEND
                }
            }
            """;

        [Fact]
        public Task Email_of_a_stored_record_bumped_with_a_version_by_with_is_reported() => Run(
            RecordStoreProgram.Replace("$SEND", """
                ContactRecord next = current with { Version = current.Version + 1 };
                _store.Put(next);
                Partner.Upload({|#0:next.Email|});
                """), Min001(0));

        [Fact]
        public Task Email_of_a_stored_record_replaced_with_its_hash_by_with_is_clean() => Run(
            RecordStoreProgram.Replace("$SEND", """
                ContactRecord redacted = current with { Email = Privacy.Hash(current.Email) };
                _store.Put(redacted);
                Partner.Upload(redacted.Email);
                """));

        [Fact]
        public Task Whole_record_copy_whose_email_was_replaced_with_its_hash_is_clean() => Run(
            RecordStoreProgram.Replace("$SEND", """
                ContactRecord redacted = current with { Email = Privacy.Hash(current.Email) };
                Partner.UploadObject(redacted);
                """));

        [Fact]
        public Task Whole_record_copy_whose_region_was_replaced_by_with_still_holds_the_email() => Run(
            RecordStoreProgram.Replace("$SEND", """
                ContactRecord moved = current with { Region = "eu" };
                Partner.UploadObject({|#0:moved|});
                """), Min001(0));

        [Fact]
        public Task Whole_stored_record_is_reported_when_only_its_with_copy_had_the_email_replaced() => Run(
            RecordStoreProgram.Replace("$SEND", """
                ContactRecord redacted = current with { Email = Privacy.Hash(current.Email) };
                Partner.UploadObject(redacted);
                Partner.UploadObject({|#0:current|});
                """), Min001(0));

        [Fact]
        public Task Whole_record_copy_with_the_email_replaced_still_holds_a_phone_stored_as_its_region() => Run(
            RecordStoreProgram.Replace("new ContactRecord(c.Id, c.Region, c.Email, 1)", "new ContactRecord(c.Id, c.Phone, c.Email, 1)").Replace("$SEND", """
                ContactRecord redacted = current with { Email = Privacy.Hash(current.Email) };
                Partner.UploadObject({|#0:redacted|});
                """), Min001(0));

        [Fact]
        public Task Whole_record_redacted_by_with_on_one_branch_only_is_reported() => Run(
            RecordStoreProgram.Replace("$SEND", """
                ContactRecord sent = current;
                if (current.Version > 1)
                {
                    sent = current with { Email = Privacy.Hash(current.Email) };
                }

                Partner.UploadObject({|#0:sent|});
                """), Min001(0));

        [Fact]
        public Task Original_stored_record_is_still_reported_when_only_a_with_copy_was_redacted() => Run(
            RecordStoreProgram.Replace("$SEND", """
                ContactRecord redacted = current with { Email = Privacy.Hash(current.Email) };
                _store.Put(redacted);
                Partner.Upload({|#0:current.Email|});
                """), Min001(0));

        [Fact]
        public Task Stored_record_interpolated_through_its_synthesized_ToString_is_reported() => Run(
            RecordStoreProgram.Replace("$SEND", "Partner.Upload({|#0:$\"shared {current}\"|});"), Min001(0));

        // =====================================================================================================
        // 16. ConcurrentDictionary: AddOrUpdate and GetOrAdd.
        // =====================================================================================================

        private const string ConcurrentProgram = """
            internal sealed class ActivityTracker
            {
                private readonly ConcurrentDictionary<Guid, string> _lastContact = new();
                private readonly ConcurrentDictionary<string, int> _visits = new();

                public void Seen(Customer c)
                {
                    _lastContact.AddOrUpdate(c.Id, $VALUE, (_, _) => $VALUE);
                    _visits.AddOrUpdate($KEY, 1, (_, n) => n + 1);
                }

                public IEnumerable<string> Contacts() => _lastContact.Values;

                public IEnumerable<string> VisitKeys() => _visits.Keys;
            }

            internal sealed class ActivityExport
            {
                private readonly ActivityTracker _tracker;

                public ActivityExport(ActivityTracker tracker) => _tracker = tracker;

                public void Ship()
                {
                    $SEND
                }
            }
            """;

        private const string SendContacts = "Partner.UploadObject({|#0:_tracker.Contacts().ToList()|});";

        private const string SendVisitKeys = """
            foreach (string key in _tracker.VisitKeys())
            {
                Partner.Upload({|#0:key|});
            }
            """;

        [Fact]
        public Task Raw_phone_stored_with_AddOrUpdate_and_exported_from_the_values_is_reported() => Run(
            ConcurrentProgram.Replace("$VALUE", "c.Phone").Replace("$KEY", "c.Region").Replace("$SEND", SendContacts), Min001(0));

        [Fact]
        public Task Minimized_phone_stored_with_AddOrUpdate_is_clean() => Run(Unmarked(
            ConcurrentProgram.Replace("$VALUE", "Privacy.Last4(c.Phone)").Replace("$KEY", "c.Region").Replace("$SEND", SendContacts)));

        [Fact]
        public Task Visit_counts_keyed_by_email_in_a_concurrent_dictionary_are_reported_at_the_exported_keys() => Run(
            ConcurrentProgram.Replace("$VALUE", "Privacy.Last4(c.Phone)").Replace("$KEY", "c.Email").Replace("$SEND", SendVisitKeys), Min001(0));

        [Fact]
        public Task Visit_keys_of_hashed_emails_are_clean_while_the_other_dictionary_holds_raw_phones() => Run(Unmarked(
            ConcurrentProgram.Replace("$VALUE", "c.Phone").Replace("$KEY", "Privacy.Hash(c.Email)").Replace("$SEND", SendVisitKeys)));

        private const string GetOrAddProgram = """
            internal sealed class TokenRegistry
            {
                private readonly ConcurrentDictionary<Guid, string> _tokens = new();

                public string TokenFor(Customer c) => _tokens.GetOrAdd(c.Id, _ => $VALUE);

                public string Known(Guid id) => _tokens.TryGetValue(id, out string? token) ? token : "";
            }

            internal sealed class TokenShare
            {
                private readonly TokenRegistry _registry;

                public TokenShare(TokenRegistry registry) => _registry = registry;

                public void Share(Guid id) => Partner.Upload({|#0:_registry.Known(id)|});
            }
            """;

        [Fact]
        public Task Raw_email_added_by_a_GetOrAdd_factory_and_read_back_elsewhere_is_reported() => Run(
            GetOrAddProgram.Replace("$VALUE", "c.Email"), Min001(0));

        [Fact]
        public Task Hashed_email_added_by_a_GetOrAdd_factory_is_clean() => Run(Unmarked(
            GetOrAddProgram.Replace("$VALUE", "Privacy.Hash(c.Email)")));

        // =====================================================================================================
        // 17. A stored row overwritten with a minimized value before export, versus a minimized copy.
        // =====================================================================================================

        private const string OverwriteProgram = """
            internal sealed class Signup
            {
                private readonly ContactRepository _repo;

                public Signup(ContactRepository repo) => _repo = repo;

                public void Register(Customer c) => _repo.Save(new ContactRow { Id = c.Id, Region = c.Region, Email = c.Email, Visits = 1 });
            }

            internal sealed class ShareJob
            {
                private readonly ContactRepository _repo;

                public ShareJob(ContactRepository repo) => _repo = repo;

                public void Run()
                {
                    foreach (ContactRow row in _repo.All())
                    {
                        $SEND
                    }
                }
            }
            """;

        [Fact]
        public Task Stored_row_whose_email_is_overwritten_with_its_hash_before_export_is_clean() => Run(
            OverwriteProgram.Replace("$SEND", """
                row.Email = Privacy.Hash(row.Email);
                Partner.Upload(row.Email);
                Partner.UploadObject(row);
                """));

        [Fact]
        public Task Stored_row_whose_email_is_overwritten_on_one_branch_only_is_reported() => Run(
            OverwriteProgram.Replace("$SEND", """
                if (row.Visits > 1)
                {
                    row.Email = Privacy.Hash(row.Email);
                }

                Partner.UploadObject({|#0:row|});
                """), Min001(0));

        [Fact]
        public Task Stored_row_whose_region_is_overwritten_instead_of_its_email_is_reported() => Run(
            OverwriteProgram.Replace("$SEND", """
                row.Region = "eu";
                Partner.UploadObject({|#0:row|});
                """), Min001(0));

        [Fact]
        public Task Stored_row_holding_a_phone_in_its_region_is_reported_after_only_its_email_is_overwritten() => Run(
            OverwriteProgram.Replace("Region = c.Region, Email = c.Email", "Region = c.Phone, Email = c.Email").Replace("$SEND", """
                row.Email = Privacy.Hash(row.Email);
                Partner.UploadObject({|#0:row|});
                """), Min001(0));

        [Fact]
        public Task Copy_of_a_stored_row_made_before_its_email_is_overwritten_is_reported() => Run(
            OverwriteProgram.Replace("$SEND", """
                ContactRow copy = new ContactRow { Id = row.Id, Region = row.Region, Email = row.Email };
                row.Email = Privacy.Hash(row.Email);
                Partner.UploadObject(row);
                Partner.UploadObject({|#0:copy|});
                """), Min001(0));

        [Fact]
        public Task Stored_row_is_still_reported_when_only_a_copy_got_the_hashed_email() => Run(
            OverwriteProgram.Replace("$SEND", """
                ContactRow copy = new ContactRow { Id = row.Id, Email = Privacy.Hash(row.Email), Visits = row.Visits };
                Partner.UploadObject({|#0:row|});
                """), Min001(0));

        [Fact]
        public Task Copy_of_a_stored_row_built_from_its_hashed_email_and_scalars_is_clean() => Run(
            OverwriteProgram.Replace("$SEND", """
                ContactRow copy = new ContactRow { Id = row.Id, Email = Privacy.Hash(row.Email), Visits = row.Visits };
                Partner.UploadObject(copy);
                """));

        // =====================================================================================================
        // 18. Projections of stored customers to anonymous types and tuples mixing raw and minimized members.
        // =====================================================================================================

        private const string ProjectionProgram = """
            internal sealed class DirectoryExport
            {
                private readonly CustomerRepository _repo;

                public DirectoryExport(CustomerRepository repo) => _repo = repo;

                public void Run()
                {
                    $SEND
                }
            }
            """;

        private const string AnonymousRows = """
            var rows = _repo.All().Select(c => new { c.Id, c.Region, Token = Privacy.Hash(c.Email), c.Phone }).ToList();
            """;

        [Fact]
        public Task Raw_phone_member_of_an_anonymous_projection_of_stored_customers_is_reported() => Run(
            ProjectionProgram.Replace("$SEND", AnonymousRows + """
                foreach (var row in rows)
                {
                    Partner.Upload({|#0:row.Phone|});
                }
                """), Min001(0));

        [Fact]
        public Task Token_region_and_id_members_of_an_anonymous_projection_that_also_holds_the_raw_phone_are_clean() => Run(
            ProjectionProgram.Replace("$SEND", AnonymousRows + """
                foreach (var row in rows)
                {
                    Partner.Upload(row.Token);
                    Partner.Upload(row.Region);
                    Partner.UploadId(row.Id);
                }
                """));

        private const string TupleRows = """
            List<(Guid Id, string Token, string Email)> pairs = _repo.All().Select(c => (c.Id, Privacy.Hash(c.Email), c.Email)).ToList();
            """;

        [Fact]
        public Task Raw_email_element_of_a_tuple_projection_of_stored_customers_is_reported() => Run(
            ProjectionProgram.Replace("$SEND", TupleRows + """
                foreach (var p in pairs)
                {
                    Partner.Upload({|#0:p.Email|});
                }
                """), Min001(0));

        [Fact]
        public Task Token_and_id_elements_of_a_tuple_projection_that_also_holds_the_raw_email_are_clean() => Run(
            ProjectionProgram.Replace("$SEND", TupleRows + """
                foreach (var p in pairs)
                {
                    Partner.Upload(p.Token);
                    Partner.UploadId(p.Id);
                }
                """));

        [Fact]
        public Task Whole_anonymous_projection_with_every_identity_member_minimized_is_clean() => Run(
            ProjectionProgram.Replace("$SEND", """
                var rows = _repo.All().Select(c => new { c.Id, c.Region, Token = Privacy.Hash(c.Email), Phone = Privacy.Last4(c.Phone) }).ToList();
                Partner.UploadObject(rows);
                """));
    }
}
