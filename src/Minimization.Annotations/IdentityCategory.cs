namespace Minimization
{
    /// <summary>
    /// The well-known identity categories for <see cref="IdentityBearingAttribute"/>. Tools (the harness's generators, the
    /// policy defaults of the generator) key on these names; any other string is treated as an opaque identifier.
    /// </summary>
    /// <example>
    /// <code>
    /// [IdentityBearing(IdentityCategory.Email)]
    /// public string From { get; set; } = "";
    /// </code>
    /// </example>
    public static class IdentityCategory
    {
        /// <summary>A telephone number (NANP or E.164).</summary>
        public const string Phone = "phone";
        /// <summary>An e-mail address.</summary>
        public const string Email = "email";
        /// <summary>An IPv4 or IPv6 address.</summary>
        public const string IpAddress = "ip";
        /// <summary>A person's name.</summary>
        public const string Name = "name";
        /// <summary>A social insurance number.</summary>
        public const string Sin = "sin";
        /// <summary>A postal code.</summary>
        public const string PostalCode = "postal-code";
        /// <summary>A date of birth.</summary>
        public const string DateOfBirth = "date-of-birth";
        /// <summary>A point in time tied to a person's activity.</summary>
        public const string Timestamp = "timestamp";
        /// <summary>A geographic position.</summary>
        public const string Geo = "geo";
        /// <summary>A cell-tower identifier.</summary>
        public const string CellTower = "cell-tower";
        /// <summary>A handset's IMEI.</summary>
        public const string Imei = "imei";
        /// <summary>A subscriber's IMSI.</summary>
        public const string Imsi = "imsi";
        /// <summary>A MAC address.</summary>
        public const string Mac = "mac";
        /// <summary>A postal or street address.</summary>
        public const string Address = "address";
        /// <summary>An account identifier.</summary>
        public const string AccountId = "account-id";
    }
}
