namespace Minimization.Runtime
{
    /// <summary>
    /// Supplies the secret key for one partner and one key period. Keys must be at least 32 bytes; tokens made with one
    /// partner's key cannot be joined with another partner's, so keys must differ per partner.
    /// </summary>
    /// <remarks>
    /// Implement it to bring your own key store. A <see cref="MinimizationContext"/> hands no provider and no key to code:
    /// with <see cref="DerivedKeyProvider"/> and <see cref="PartnerKeyProvider"/> it derives keys inside; a custom provider
    /// is asked through <see cref="GetKey"/>, and the array it returns is its own (the context neither keeps nor clears it).
    /// Tokens made with keys from a custom provider are of key version 0 (no version prefix).
    /// </remarks>
    /// <example>
    /// <code>
    /// IPseudonymKeyProvider keys = new DerivedKeyProvider(masterKeyFromVault);
    /// var context = new MinimizationContext("UK", keys);
    /// </code>
    /// </example>
    public interface IPseudonymKeyProvider
    {
        /// <summary>Returns the key for <paramref name="partner"/> in <paramref name="period"/>; the same inputs must always give the same key.</summary>
        /// <param name="partner">The partner the data is released to.</param>
        /// <param name="period">The key period (see <see cref="KeyPeriod"/>).</param>
        /// <returns>A key of at least 32 bytes.</returns>
        byte[] GetKey(string partner, KeyPeriod period);
    }
}
