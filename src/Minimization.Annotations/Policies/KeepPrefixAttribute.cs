using System;

namespace Minimization
{
    /// <summary>
    /// Minimization policy (generalization): keeps the first <see cref="Length"/> characters or digits of a string, such as
    /// the forward sortation area of a postal code (3) or the area code and exchange of a phone number (6 digits).
    /// </summary>
    /// <remarks>
    /// Characters: letters and digits only, upper-cased. Digits: digits only. A <c>phone</c> member is normalized first, so
    /// that every notation of one number keeps one prefix: a NANP number counts from its area code (<c>"+1 819 555 0178"</c>
    /// and <c>"819-555-0178"</c> both keep <c>"819555"</c>), a number written with <c>+</c> or <c>00</c> elsewhere from its
    /// country code. When the value has no more significant
    /// characters than <see cref="Length"/> (or is null or empty) the result is <see langword="null"/>, never the raw value.
    /// </remarks>
    /// <example>
    /// <code>
    /// [IdentityBearing(IdentityCategory.PostalCode), KeepPrefix(3)] public string PostalCode { get; set; } = "";
    /// [IdentityBearing(IdentityCategory.Phone), KeepPrefix(6, Unit = PrefixUnit.Digits)] public string Callee { get; set; } = "";
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class KeepPrefixAttribute : Attribute
    {
        /// <summary>Keeps a prefix.</summary>
        /// <param name="length">How many characters or digits to keep; at least 1.</param>
        public KeepPrefixAttribute(int length)
        {
            Length = length;
        }

        /// <summary>How many characters or digits are kept.</summary>
        public int Length { get; }

        /// <summary>Whether <see cref="Length"/> counts letters and digits or digits only.</summary>
        public PrefixUnit Unit { get; set; }
    }
}
