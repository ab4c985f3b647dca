namespace Minimization.Runtime
{
    /// <summary>
    /// Supplies the secret key for one partner and one key period. Keys must be at least 32 bytes; tokens made with one
    /// partner's key cannot be joined with another partner's, so keys must differ per partner.
    /// </summary>
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
