using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Minimization.Analyzers.Tests.Determinism
{
    /// <summary>The corpora that are not written in this folder: the repository's own samples.</summary>
    public static class Corpora
    {
        /// <summary>samples/Violations, read from the repository at test time (paths relative to the repository root).</summary>
        public static Corpus Violations()
        {
            var folder = Repository.Path("samples", "Violations");
            var files = Directory.GetFiles(folder, "*.cs")
                .OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => ("samples/Violations/" + Path.GetFileName(f), File.ReadAllText(f)))
                .ToList();
            if (files.Count == 0)
            {
                throw new InvalidOperationException("no sources in samples/Violations");
            }

            return new Corpus("samples/Violations", files, OutputKind.DynamicallyLinkedLibrary);
        }
    }
}
