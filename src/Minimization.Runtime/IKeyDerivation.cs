using System;

namespace Minimization.Runtime
{
    /// <summary>
    /// The key providers of this package derive keys inside: a <see cref="MinimizationContext"/> asks them for a ready
    /// <see cref="Pseudonymizer"/>, and no key array passes through code that could keep or leak it.
    /// </summary>
    internal interface IKeyDerivation
    {
        /// <summary>The root-key version in force for <paramref name="period"/>; <paramref name="at"/> is the time that picked the period.</summary>
        int VersionFor(KeyPeriod period, DateTimeOffset at);

        /// <summary>A pseudonymizer under <paramref name="partner"/>'s key for <paramref name="period"/> and <paramref name="version"/>; the caller owns it.</summary>
        Pseudonymizer CreatePseudonymizer(string partner, KeyPeriod period, int version);
    }
}
