using System;

namespace Minimization
{
    /// <summary>
    /// Minimization policy: shifts a <see cref="DateTime"/>, <see cref="DateTimeOffset"/> or <c>DateOnly</c> by a whole
    /// number of days that is the same for every date of one subject and unknown to the partner. Intervals between one
    /// person's dates (admission to discharge, activation to first call) survive; the dates themselves do not.
    /// </summary>
    /// <remarks>
    /// The offset, between <c>-MaxDays</c> and <c>+MaxDays</c> (never 0), is drawn from a keyed HMAC of the subject (the member
    /// named by <see cref="SubjectBy"/>, normalized like a pseudonym of its category) under the partner's own key: the same
    /// subject gets the same offset in every record and release to one partner, a different one for another partner. A
    /// record whose subject is null or empty gets <see langword="null"/>, never an unshifted date.
    /// </remarks>
    /// <example>
    /// <code>
    /// [IdentityBearing(IdentityCategory.AccountId), Pseudonymize] public string AccountId { get; set; } = "";
    /// [ShiftDate(180, SubjectBy = nameof(AccountId))] public DateTime ActivatedOn { get; set; }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class ShiftDateAttribute : Attribute
    {
        /// <summary>Shifts dates per subject.</summary>
        /// <param name="maxDays">The largest shift in days, either way; between 1 and 3650.</param>
        public ShiftDateAttribute(int maxDays)
        {
            MaxDays = maxDays;
        }

        /// <summary>The largest shift in days, either way.</summary>
        public int MaxDays { get; }

        /// <summary>The name of the member (a string, integer or <see cref="Guid"/> of the same type) that identifies the subject.</summary>
        public string? SubjectBy { get; set; }
    }
}
