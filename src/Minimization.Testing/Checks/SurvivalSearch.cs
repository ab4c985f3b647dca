using System;
using System.Collections.Generic;
using System.Text;

namespace Minimization.Testing.Checks
{
    /// <summary>A text to search, with how it was obtained from an output leaf.</summary>
    internal readonly struct Haystack
    {
        public Haystack(string path, string raw, string how)
        {
            Path = path;
            Raw = raw;
            Compact = ObjectText.Compact(raw);
            How = how;
        }

        public string Path { get; }

        public string Raw { get; }

        public string Compact { get; }

        public string How { get; }
    }

    /// <summary>Where an identifier was found.</summary>
    internal readonly struct Hit
    {
        public Hit(string path, string how)
        {
            Path = path;
            How = how;
        }

        public string Path { get; }

        public string How { get; }
    }

    /// <summary>Searches an output's leaves (and the Base64 and hex runs inside them) for any form of an identifier.</summary>
    internal static class SurvivalSearch
    {
        private const int MinEncodedRun = 12;

        /// <summary>
        /// The haystacks of many outputs, each leaf's computed once: most leaves (a region, a day, a bucket) repeat across
        /// records and are kept; a leaf with an encoded run (a token) rarely repeats and is decoded each time instead of
        /// filling the cache. Bounded: cleared past 200,000 leaves.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static List<Haystack> Haystacks(List<Leaf> leaves, Dictionary<(string Path, string Text), Haystack[]> cache)
        {
            var hay = new List<Haystack>(leaves.Count + 4);
            var one = new List<Leaf>(1);
            foreach (Leaf leaf in leaves)
            {
                if (leaf.Bytes != null)
                {
                    one.Clear();
                    one.Add(leaf);
                    hay.AddRange(Haystacks(one));
                    continue;
                }

                if (HasEncodedRun(leaf.Text))
                {
                    // A token: decoded and compacted each time rather than kept, since it rarely repeats.
                    one.Clear();
                    one.Add(leaf);
                    hay.AddRange(Haystacks(one));
                    continue;
                }

                if (!cache.TryGetValue((leaf.Path, leaf.Text), out Haystack[]? forms))
                {
                    if (cache.Count >= 200_000)
                    {
                        cache.Clear();
                    }

                    one.Clear();
                    one.Add(leaf);
                    forms = Haystacks(one).ToArray();
                    cache[(leaf.Path, leaf.Text)] = forms;
                }

                hay.AddRange(forms);
            }

            return hay;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static List<Haystack> Haystacks(List<Leaf> leaves)
        {
            var hay = new List<Haystack>(leaves.Count * 2);
            List<(string Run, string Kind)>? runs = null;
            foreach (Leaf leaf in leaves)
            {
                if (leaf.Bytes != null)
                {
                    Add(hay, leaf.Path, Encoding.UTF8.GetString(leaf.Bytes), "as raw bytes");
                    Add(hay, leaf.Path, leaf.Text, string.Empty);
                    continue;
                }

                Add(hay, leaf.Path, leaf.Text, string.Empty);

                runs ??= new List<(string Run, string Kind)>(4);
                runs.Clear();
                EncodedRuns(leaf.Text, runs);
                foreach (var (run, kind) in runs)
                {
                    byte[]? bytes = kind == "hex" ? TryHex(run) : TryBase64(run);
                    if (bytes != null && bytes.Length > 0)
                    {
                        Add(hay, leaf.Path, Encoding.UTF8.GetString(bytes), kind == "hex" ? "as hex" : "as Base64");
                        if (kind != "hex")
                        {
                            // The hex of a hex run's bytes is the run itself, already searched.
                            Add(hay, leaf.Path, Convert.ToHexString(bytes), "as the bytes of Base64");
                        }
                    }
                }
            }

            return hay;
        }

        private static void Add(List<Haystack> hay, string path, string text, string how)
        {
            if (text.Length > 0)
            {
                hay.Add(new Haystack(path, text, how));
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static Hit? Find(Identifier identifier, List<Haystack> haystacks)
        {
            foreach (Haystack h in haystacks)
            {
                foreach (Needle n in identifier.Needles)
                {
                    if (n.Text.Length == 0)
                    {
                        continue;
                    }

                    bool found = n.Compact
                        ? h.Compact.Contains(n.Text, StringComparison.Ordinal)
                        : n.DigitBoundary ? ContainsBounded(h.Raw, n.Text) : h.Raw.Contains(n.Text, StringComparison.OrdinalIgnoreCase);
                    if (found)
                    {
                        return new Hit(h.Path, h.How.Length > 0 ? h.How : n.How);
                    }
                }
            }

            return null;
        }

        /// <summary>Finds a part of an identifier kept on its own (a digit prefix, a local part, an address prefix).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static Hit? FindPart(Part part, List<Haystack> haystacks)
        {
            foreach (Haystack h in haystacks)
            {
                bool found = part.Mode switch
                {
                    PartMode.DigitRun => HasDigitRun(h.Compact, part.Text),
                    PartMode.Token => HasToken(h.Raw, part.Text),
                    PartMode.Prefix => HasPrefix(h.Raw, part.Text),
                    _ => h.Compact.Contains(part.Text, StringComparison.Ordinal),
                };
                if (found)
                {
                    return new Hit(h.Path, h.How);
                }
            }

            return null;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private static bool HasDigitRun(string compact, string digits)
        {
            int i = 0, n = compact.Length;
            while (i < n)
            {
                if (!char.IsAsciiDigit(compact[i]))
                {
                    i++;
                    continue;
                }

                int start = i;
                while (i < n && char.IsAsciiDigit(compact[i]))
                {
                    i++;
                }

                if (i - start == digits.Length && compact.AsSpan(start, i - start).SequenceEqual(digits))
                {
                    return true;
                }
            }

            return false;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private static bool HasToken(string hay, string token)
        {
            int from = 0;
            while (from <= hay.Length - token.Length)
            {
                int at = hay.IndexOf(token, from, StringComparison.OrdinalIgnoreCase);
                if (at < 0)
                {
                    return false;
                }

                int end = at + token.Length;
                if ((at == 0 || !char.IsLetterOrDigit(hay[at - 1])) && (end == hay.Length || !char.IsLetterOrDigit(hay[end])))
                {
                    return true;
                }

                from = at + 1;
            }

            return false;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private static bool HasPrefix(string hay, string prefix)
        {
            bool v6 = prefix.Contains(':');
            int from = 0;
            while (from <= hay.Length - prefix.Length)
            {
                int at = hay.IndexOf(prefix, from, StringComparison.OrdinalIgnoreCase);
                if (at < 0)
                {
                    return false;
                }

                int end = at + prefix.Length;
                char before = at == 0 ? ' ' : hay[at - 1];
                bool cleanBefore = v6 ? !(Uri.IsHexDigit(before) || before == ':') : !(char.IsAsciiDigit(before) || before == '.');
                bool cleanAfter = v6 || end == hay.Length || !char.IsAsciiDigit(hay[end]);
                if (cleanBefore && cleanAfter)
                {
                    return true;
                }

                from = at + 1;
            }

            return false;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private static bool ContainsBounded(string hay, string needle)
        {
            int from = 0;
            while (true)
            {
                int at = hay.IndexOf(needle, from, StringComparison.OrdinalIgnoreCase);
                if (at < 0)
                {
                    return false;
                }

                bool before = at > 0 && char.IsDigit(hay[at - 1]);
                int end = at + needle.Length;
                bool after = end < hay.Length && char.IsDigit(hay[end]);
                if (!before && !after)
                {
                    return true;
                }

                from = at + 1;
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private static void EncodedRuns(string text, List<(string Run, string Kind)> runs)
        {
            int i = 0;
            while (i < text.Length)
            {
                if (!IsBase64Char(text[i]))
                {
                    i++;
                    continue;
                }

                int start = i;
                bool allHex = true;
                while (i < text.Length && IsBase64Char(text[i]))
                {
                    allHex &= Uri.IsHexDigit(text[i]);
                    i++;
                }

                int end = i;
                while (i < text.Length && text[i] == '=')
                {
                    i++;
                }

                if (end - start >= MinEncodedRun)
                {
                    string run = text.Substring(start, end - start);
                    if (allHex)
                    {
                        runs.Add((run, "hex"));
                    }

                    runs.Add((run, "Base64"));
                }
            }
        }

        /// <summary>Whether the text holds a run <see cref="EncodedRuns"/> would decode.</summary>
        internal static bool HasEncodedRun(string text)
        {
            int run = 0;
            foreach (char c in text)
            {
                run = IsBase64Char(c) ? run + 1 : 0;
                if (run >= MinEncodedRun)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsBase64Char(char c)
            => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '-' || c == '_';

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private static byte[]? TryHex(string run)
        {
            string even = run.Length % 2 == 0 ? run : run.Substring(0, run.Length - 1);
            try
            {
                return Convert.FromHexString(even);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private static byte[]? TryBase64(string run)
        {
            string s = run.Replace('-', '+').Replace('_', '/');
            int usable = s.Length - (s.Length % 4 == 1 ? 1 : 0);
            s = s.Substring(0, usable);
            s = s.PadRight((s.Length + 3) / 4 * 4, '=');
            var buffer = new byte[s.Length * 3 / 4];
            return Convert.TryFromBase64String(s, buffer, out int written) ? buffer.AsSpan(0, written).ToArray() : null;
        }
    }
}
