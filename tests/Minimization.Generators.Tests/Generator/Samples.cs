namespace Minimization.Generators.Tests.Generator
{
    /// <summary>User code the generator tests compile: one sample per shape the generator supports.</summary>
    internal static class Samples
    {
        public const string CallRecord = """
            using System;
            using Minimization;

            namespace Telecom
            {
                [IdentityBearing, GenerateMinimizer("SharedCall")]
                public partial record CallRecord(
                    [IdentityBearing(IdentityCategory.Phone)][Pseudonymize(Rotation = KeyRotation.Daily, RotateBy = "StartTime")] string CallerNumber,
                    [IdentityBearing(IdentityCategory.Phone)][KeepPrefix(6, Unit = PrefixUnit.Digits)] string CalleeNumber,
                    [IdentityBearing(IdentityCategory.Timestamp)][TruncateTime(TimeGranularity.Hour)] DateTimeOffset StartTime,
                    [property: NonIdentifying][Bucket(60)] TimeSpan Duration,
                    [IdentityBearing(IdentityCategory.CellTower)][Drop] string TowerId,
                    [IdentityBearing(IdentityCategory.IpAddress)][MaskIpAddress] string? ClientIp);
            }
            """;

        public const string Subscriber = """
            using System;
            using Minimization;

            namespace Billing
            {
                [IdentityBearing]
                [GenerateMinimizer]
                internal partial class Subscriber
                {
                    [IdentityBearing(IdentityCategory.IpAddress), MaskIpAddress(IPv4PrefixLength = 16, IPv6PrefixLength = 32)]
                    private System.Net.IPAddress? lastIp;

                    [IdentityBearing(IdentityCategory.Name), Drop] public string Name { get; set; } = "";
                    [IdentityBearing(IdentityCategory.Email), Pseudonymize(Normalization = PseudonymNormalization.CaseInsensitive)] public string? Email { get; set; }
                    [IdentityBearing(IdentityCategory.AccountId), Pseudonymize(Rotation = KeyRotation.Weekly)] public long AccountNumber { get; set; }
                    [Pseudonymize] public Guid DeviceId { get; set; }
                    [IdentityBearing(IdentityCategory.PostalCode), KeepPrefix(3)] public string PostalCode { get; set; } = "";
                    [IdentityBearing(IdentityCategory.DateOfBirth), TruncateTime(TimeGranularity.Year)] public DateOnly BirthDate { get; set; }
                    [TruncateTime(TimeGranularity.Month)] public DateTime? LastSeen { get; set; }
                    [IdentityBearing(IdentityCategory.Geo), SnapToGrid(0.1)] public (double Latitude, double Longitude) Home { get; set; }
                    [SnapToGrid(0.01)] public double? Latitude;
                    [NonIdentifying, BucketBoundaries(0, 18, 30, 45, 65, 90)] public int Age { get; set; }
                    [NonIdentifying, Bucket(10)] public int? MonthlyMinutes { get; set; }
                    [NonIdentifying, Bucket(25)] public decimal Balance { get; set; }
                    [NonIdentifying, Bucket(0.5)] public float Rating { get; set; }
                    [NonIdentifying, Keep] public string Plan { get; set; } = "";
                    [IdentityBearing(IdentityCategory.CellTower), Keep("Tower ids are public in the regulator's register.")] public string HomeTower { get; set; } = "";

                    public void SeenFrom(System.Net.IPAddress address, double latitude)
                    {
                        lastIp = address;
                        Latitude = latitude;
                    }
                }
            }
            """;

        public const string VisitWithoutNamespace = """
            using Minimization;

            [IdentityBearing(IdentityCategory.IpAddress), GenerateMinimizer]
            public partial struct Visit
            {
                [MaskIpAddress] public string Address;
                [NonIdentifying, BucketBoundaries(0, 1, 10, 100)] public long Pages;
            }
            """;

        /// <summary>What real pipelines have: nested records, collections of identifiers and of records, a declared map, rare values, date shifting.</summary>
        public const string Messaging = """
            using System;
            using System.Collections.Generic;
            using System.Collections.Immutable;
            using Minimization;

            namespace Messaging
            {
                public enum Platform { Ios, Android, Windows, Mac, Linux }

                [IdentityBearing, GenerateMinimizer]
                public partial record Party(
                    [IdentityBearing(IdentityCategory.Email)][Pseudonymize] string Address,
                    [IdentityBearing(IdentityCategory.Name)][Drop] string? DisplayName);

                [IdentityBearing, GenerateMinimizer]
                public partial class Device
                {
                    [Generalize("iPhone 15 => Apple", "iPhone 14 => Apple", "Pixel 8 => Google", "Galaxy S24 => Samsung"), SuppressRare(3)]
                    public string Model { get; set; } = "";

                    [Generalize("Ios => mobile", "Android => mobile", "Windows => desktop", "Mac => desktop", Other = "desktop")]
                    public Platform Platform { get; set; }

                    [IdentityBearing(IdentityCategory.Imei), Drop] public string Imei { get; set; } = "";
                }

                [IdentityBearing, GenerateMinimizer("SharedEmail")]
                public partial class Email
                {
                    [IdentityBearing(IdentityCategory.AccountId), Pseudonymize(Rotation = KeyRotation.None)] public string Account { get; set; } = "";
                    [Nested] public Party From { get; set; } = new Party("", null);
                    [Nested] public IReadOnlyList<Party?> To { get; set; } = Array.Empty<Party?>();
                    [IdentityBearing(IdentityCategory.Email), Pseudonymize(RotateBy = nameof(Sent))] public List<string?>? Cc { get; set; }
                    [IdentityBearing(IdentityCategory.IpAddress), MaskIpAddress] public string[] Relays { get; set; } = Array.Empty<string>();
                    [TruncateTime(TimeGranularity.Day)] public ImmutableArray<DateTimeOffset> Opened { get; set; }
                    [Nested] public Device? Device { get; set; }
                    [IdentityBearing(IdentityCategory.Timestamp), ShiftDate(30, SubjectBy = nameof(Account))] public DateTime Sent { get; set; }
                    [ShiftDate(30, SubjectBy = nameof(Account))] public DateOnly? AccountOpened { get; set; }
                    [IdentityBearing(IdentityCategory.PostalCode), KeepPrefix(3), SuppressRare(2, Other = "rural")] public string PostalCode { get; set; } = "";
                }
            }
            """;
    }
}
