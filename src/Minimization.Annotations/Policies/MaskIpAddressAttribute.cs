using System;

namespace Minimization
{
    /// <summary>
    /// Minimization policy (generalization): keeps only the network part of an IP address: an IPv4 address to its /24 and an
    /// IPv6 address to its /48 unless configured otherwise. The result is written as <c>203.0.113.0/24</c>.
    /// </summary>
    /// <remarks>
    /// Applies to <see cref="string"/> and <c>System.Net.IPAddress</c> members. An unparsable address gives <see langword="null"/>.
    /// An IPv4 address carried in an IPv6 address (IPv4-mapped or -compatible, 6to4, Teredo, NAT64, ISATAP) keeps no more
    /// than <see cref="IPv4PrefixLength"/> bits of it.
    /// </remarks>
    /// <example>
    /// <code>
    /// [IdentityBearing(IdentityCategory.IpAddress), MaskIpAddress(IPv6PrefixLength = 32)] public string ClientIp { get; set; } = "";
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class MaskIpAddressAttribute : Attribute
    {
        /// <summary>How many leading bits of an IPv4 address are kept (0–31); 24 by default.</summary>
        public int IPv4PrefixLength { get; set; } = 24;

        /// <summary>How many leading bits of an IPv6 address are kept (0–127); 48 by default.</summary>
        public int IPv6PrefixLength { get; set; } = 48;
    }
}
