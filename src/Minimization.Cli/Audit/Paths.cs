using System;
using System.IO;
using Microsoft.CodeAnalysis;

namespace Minimization.Cli.Audit
{
    /// <summary>Paths as the report shows them: relative to the audited folder, with forward slashes, never this machine's layout.</summary>
    internal static class Paths
    {
        public static string Relative(string root, string path)
        {
            if (string.IsNullOrEmpty(path))
            {
                return path;
            }

            var full = Path.GetFullPath(path);
            var relative = Path.GetRelativePath(root, full);
            return (Path.IsPathRooted(relative) ? full : relative).Replace('\\', '/');
        }

        /// <summary>A path for the reader: relative to the working directory when it lies inside it.</summary>
        public static string Display(string workingDirectory, string path)
        {
            var full = Path.GetFullPath(path);
            var relative = Path.GetRelativePath(workingDirectory, full);
            var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
            return shown.Replace('\\', '/');
        }

        public static Position Of(string root, Location location, string? label = null)
        {
            if (!location.IsInSource && location.Kind != LocationKind.ExternalFile)
            {
                return new Position { Label = label };
            }

            var span = location.GetLineSpan();
            return new Position
            {
                File = Relative(root, span.Path),
                Line = span.StartLinePosition.Line + 1,
                Column = span.StartLinePosition.Character + 1,
                Label = label,
            };
        }

        /// <summary>A message with the audited folder's absolute path taken out.</summary>
        public static string Scrub(string root, string message)
        {
            var withSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
            return message.Replace(withSeparator, string.Empty, StringComparison.Ordinal).Replace(root, ".", StringComparison.Ordinal);
        }
    }
}
