namespace Minimization
{
    /// <summary>How often a partner's pseudonymization key changes (see <see cref="PseudonymizeAttribute.Rotation"/>).</summary>
    /// <example>
    /// <code>
    /// [Pseudonymize(Rotation = KeyRotation.Daily)] public string Imsi { get; set; } = "";
    /// </code>
    /// </example>
    public enum KeyRotation
    {
        /// <summary>One key per partner: tokens are stable for good, and records link across any time span. Never the default: write it to ask for it.</summary>
        None = 0,
        /// <summary>A new key every UTC day: tokens link records of one day only. The default of <see cref="PseudonymizeAttribute.Rotation"/>.</summary>
        Daily = 1,
        /// <summary>A new key every ISO week (Monday, UTC): tokens link records of one week.</summary>
        Weekly = 2,
    }

    /// <summary>The unit a point in time is truncated to (see <see cref="TruncateTimeAttribute"/>).</summary>
    /// <example>
    /// <code>
    /// [TruncateTime(TimeGranularity.Day)] public DateTime Seen { get; set; }
    /// </code>
    /// </example>
    public enum TimeGranularity
    {
        /// <summary>The start of the hour.</summary>
        Hour = 0,
        /// <summary>Midnight of the day.</summary>
        Day = 1,
        /// <summary>Midnight of the Monday that starts the ISO week.</summary>
        Week = 2,
        /// <summary>Midnight of the first day of the month.</summary>
        Month = 3,
        /// <summary>Midnight of January 1st.</summary>
        Year = 4,
    }

    /// <summary>What <see cref="KeepPrefixAttribute.Length"/> counts.</summary>
    /// <example>
    /// <code>
    /// [KeepPrefix(6, Unit = PrefixUnit.Digits)] public string Phone { get; set; } = "";
    /// </code>
    /// </example>
    public enum PrefixUnit
    {
        /// <summary>Letters and digits (separators and spaces are skipped; letters are upper-cased).</summary>
        Characters = 0,
        /// <summary>Digits only (everything else is skipped).</summary>
        Digits = 1,
    }

    /// <summary>How a value is normalized before it is pseudonymized, so that one identifier written two ways gives one token.</summary>
    /// <example>
    /// <code>
    /// [Pseudonymize(Normalization = PseudonymNormalization.CaseInsensitive)] public string Email { get; set; } = "";
    /// </code>
    /// </example>
    public enum PseudonymNormalization
    {
        /// <summary>By identity category: phone numbers by one rule in any notation (NANP to the 10-digit national number, numbers written with + or 00 to their E.164 digits); digits for SIN, IMEI and IMSI; lower case for e-mail; hex digits for MAC; canonical form for IP; otherwise trimmed.</summary>
        Auto = 0,
        /// <summary>The value as it is.</summary>
        None = 1,
        /// <summary>Leading and trailing white space removed.</summary>
        Trim = 2,
        /// <summary>Trimmed and lower-cased (invariant culture).</summary>
        CaseInsensitive = 3,
        /// <summary>Digits only.</summary>
        Digits = 4,
    }
}
