using System;
using Minimization.Testing.Generators;

namespace Minimization.Testing.Populations
{
    /// <summary>
    /// A discrete distribution over the indices 0 … <see cref="Count"/> − 1, used to declare how people spread over
    /// regions and how activity spreads over people. Skewed distributions make a population realistic: many people
    /// share a dense region, a few live where almost no one else does.
    /// </summary>
    /// <example>
    /// <code>
    /// var regions = Distribution.Zipf(40, exponent: 1.1);   // a few big cities, a long tail of small towns
    /// var flat = Distribution.Uniform(10);
    /// var custom = Distribution.Weighted(50, 30, 15, 5);
    /// </code>
    /// </example>
    public sealed class Distribution
    {
        private readonly double[] _cdf;

        private Distribution(double[] weights, string description)
        {
            if (weights.Length == 0)
            {
                throw new ArgumentException("A distribution needs at least one outcome.", nameof(weights));
            }

            _cdf = new double[weights.Length];
            double sum = 0;
            for (int i = 0; i < weights.Length; i++)
            {
                if (weights[i] < 0 || double.IsNaN(weights[i]))
                {
                    throw new ArgumentException("Weights must be non-negative.", nameof(weights));
                }

                sum += weights[i];
                _cdf[i] = sum;
            }

            if (sum <= 0)
            {
                throw new ArgumentException("At least one weight must be positive.", nameof(weights));
            }

            for (int i = 0; i < _cdf.Length; i++)
            {
                _cdf[i] /= sum;
            }

            Description = description;
        }

        /// <summary>The number of outcomes.</summary>
        public int Count => _cdf.Length;

        /// <summary>A short description, for example <c>"Zipf(40, s=1.1)"</c>.</summary>
        public string Description { get; }

        /// <summary>Every outcome equally likely.</summary>
        /// <param name="count">The number of outcomes (at least 1).</param>
        /// <returns>The distribution.</returns>
        public static Distribution Uniform(int count)
        {
            var w = new double[Math.Max(1, count)];
            for (int i = 0; i < w.Length; i++)
            {
                w[i] = 1;
            }

            return new Distribution(w, $"Uniform({w.Length})");
        }

        /// <summary>Outcome i has weight 1 / (i + 1)^exponent: the shape of city sizes and of activity per subscriber.</summary>
        /// <param name="count">The number of outcomes (at least 1).</param>
        /// <param name="exponent">The skew; 0 is uniform, 1 is classic Zipf.</param>
        /// <returns>The distribution.</returns>
        public static Distribution Zipf(int count, double exponent = 1.0)
        {
            var w = new double[Math.Max(1, count)];
            for (int i = 0; i < w.Length; i++)
            {
                w[i] = 1.0 / Math.Pow(i + 1, exponent);
            }

            return new Distribution(w, $"Zipf({w.Length}, s={exponent})");
        }

        /// <summary>Outcome i has weight <paramref name="weights"/>[i].</summary>
        /// <param name="weights">Non-negative weights, at least one positive.</param>
        /// <returns>The distribution.</returns>
        public static Distribution Weighted(params double[] weights) => new Distribution((double[])weights.Clone(), $"Weighted({weights.Length})");

        /// <summary>The probability of outcome <paramref name="index"/>.</summary>
        /// <param name="index">An outcome in [0, <see cref="Count"/>).</param>
        /// <returns>Its probability.</returns>
        public double Probability(int index) => index == 0 ? _cdf[0] : _cdf[index] - _cdf[index - 1];

        internal int Sample(FastRandom random)
        {
            double u = random.NextDouble();
            int i = Array.BinarySearch(_cdf, u);
            i = i < 0 ? ~i : i + 1;
            return Math.Min(i, _cdf.Length - 1);
        }

        /// <inheritdoc/>
        public override string ToString() => Description;
    }
}
