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

    /// <summary>A run of ASCII digits in the compact text of one haystack (by its index).</summary>
    internal readonly struct DigitRun
    {
        public DigitRun(int haystack, int start, int length)
        {
            Haystack = haystack;
            Start = start;
            Length = length;
        }

        public int Haystack { get; }

        public int Start { get; }

        public int Length { get; }
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
            Span<byte> stackBytes = stackalloc byte[192];
            foreach (Leaf leaf in leaves)
            {
                if (leaf.Bytes != null)
                {
                    Add(hay, leaf.Path, Utf8Text(leaf.Bytes), "as raw bytes");
                    Add(hay, leaf.Path, leaf.Text, string.Empty);
                    continue;
                }

                Add(hay, leaf.Path, leaf.Text, string.Empty);
                AddRewritten(hay, leaf.Path, leaf.Text);

                // Each encoded run, decoded from the leaf's text in place: no string per run, per padding or per replacement.
                string text = leaf.Text;
                int i = 0;
                while (NextEncodedRun(text, ref i, out int start, out int length, out bool allHex))
                {
                    ReadOnlySpan<char> run = text.AsSpan(start, length);
                    Span<byte> bytes = length <= stackBytes.Length ? stackBytes : new byte[length];
                    if (allHex && TryHex(run, bytes, out int written) && written > 0)
                    {
                        // The hex of a hex run's bytes is the run itself, already searched.
                        Add(hay, leaf.Path, Utf8Text(bytes.Slice(0, written)), "as hex");
                    }

                    if (TryBase64(run, bytes, out written) && written > 0)
                    {
                        Add(hay, leaf.Path, Utf8Text(bytes.Slice(0, written)), "as Base64");
                        Add(hay, leaf.Path, Convert.ToHexString(bytes.Slice(0, written)), "as the bytes of Base64");
                    }
                }
            }

            return hay;
        }

        /// <summary>
        /// The text of UTF-8 bytes, invalid sequences replaced by U+FFFD: what <see cref="Encoding.UTF8"/>'s <c>GetString</c>
        /// gives, about three times faster on the random bytes a decoded token holds (no decoder fallback object per sequence).
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        internal static string Utf8Text(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length == 0)
            {
                return string.Empty;
            }

            // UTF-8 never takes fewer bytes than UTF-16 takes characters, replacements included.
            Span<char> chars = bytes.Length <= 256 ? stackalloc char[bytes.Length] : new char[bytes.Length];
            System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out _, out int written, replaceInvalidSequences: true, isFinalBlock: true);
            return new string(chars.Slice(0, written));
        }

        /// <summary>
        /// The forms a leaf's text takes back with no key: written backwards (digits or an address reversed "so it is not the
        /// number") and percent-decoded (an address URL-encoded for a query string, its '@' as %40). Every identifier kind is
        /// searched in them as in the text itself.
        /// </summary>
        private static void AddRewritten(List<Haystack> hay, string path, string text)
        {
            if (text.Length >= MinReversed)
            {
                Add(hay, path, string.Create(text.Length, text, static (span, t) =>
                {
                    t.AsSpan().CopyTo(span);
                    span.Reverse();
                }), "reversed");
            }

            if (HasPercentEscape(text))
            {
                string decoded = Uri.UnescapeDataString(text);
                if (!string.Equals(decoded, text, StringComparison.Ordinal))
                {
                    Add(hay, path, decoded, "URL-encoded");
                }
            }

            // JSON a minimizer wrote into a string escapes '+' (plus-addressing), '<', '&' and every non-ASCII letter as \uXXXX.
            if (text.Contains("\\u", StringComparison.Ordinal))
            {
                string unescaped = JsonUnescaped(text);
                if (!string.Equals(unescaped, text, StringComparison.Ordinal))
                {
                    Add(hay, path, unescaped, "JSON-escaped");
                }
            }
        }

        /// <summary>The text with its JSON <c>\uXXXX</c> escapes decoded (other text, malformed escapes included, kept as it is).</summary>
        internal static string JsonUnescaped(string text)
        {
            var sb = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\\' && i + 5 < text.Length && text[i + 1] == 'u'
                    && HexValue(text[i + 2]) >= 0 && HexValue(text[i + 3]) >= 0 && HexValue(text[i + 4]) >= 0 && HexValue(text[i + 5]) >= 0)
                {
                    sb.Append((char)((HexValue(text[i + 2]) << 12) | (HexValue(text[i + 3]) << 8) | (HexValue(text[i + 4]) << 4) | HexValue(text[i + 5])));
                    i += 5;
                }
                else
                {
                    sb.Append(text[i]);
                }
            }

            return sb.ToString();
        }

        /// <summary>Shorter texts hold no identifier backwards (the shortest normal forms, a phone's 7 digits, are longer).</summary>
        private const int MinReversed = 7;

        private static bool HasPercentEscape(string text)
        {
            for (int i = text.IndexOf('%'); i >= 0 && i + 2 < text.Length; i = text.IndexOf('%', i + 1))
            {
                if (HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0)
                {
                    return true;
                }
            }

            return false;
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

        /// <summary>
        /// The runs of ASCII digits of each haystack's compact text, in haystack order, found once for every part a record's
        /// identifiers have (the first 9 digits, the last 9, the first 8, … of each): <see cref="FindPart(Part, List{Haystack}, List{DigitRun})"/>
        /// then compares a digit part with the runs of its length instead of scanning every haystack again.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static void DigitRuns(List<Haystack> haystacks, List<DigitRun> runs)
        {
            runs.Clear();
            for (int k = 0; k < haystacks.Count; k++)
            {
                string compact = haystacks[k].Compact;
                int i = 0;
                while (NextDigitRun(compact, ref i, out int start, out int length))
                {
                    runs.Add(new DigitRun(k, start, length));
                }
            }
        }

        /// <summary>
        /// <see cref="FindPart(Part, List{Haystack})"/> with the haystacks' digit runs found beforehand by
        /// <see cref="DigitRuns"/>: the same hit, the first haystack holding the part.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static Hit? FindPart(Part part, List<Haystack> haystacks, List<DigitRun> runs)
        {
            if (part.Mode != PartMode.DigitRun)
            {
                return FindPart(part, haystacks);
            }

            ReadOnlySpan<char> digits = part.Chars;
            foreach (DigitRun run in runs)
            {
                if (run.Length == digits.Length && haystacks[run.Haystack].Compact.AsSpan(run.Start, run.Length).SequenceEqual(digits))
                {
                    Haystack h = haystacks[run.Haystack];
                    return new Hit(h.Path, h.How);
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
                    PartMode.DigitRun => HasDigitRun(h.Compact, part.Chars),
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
        private static bool HasDigitRun(string compact, ReadOnlySpan<char> digits)
        {
            int i = 0;
            while (NextDigitRun(compact, ref i, out int start, out int length))
            {
                if (length == digits.Length && compact.AsSpan(start, length).SequenceEqual(digits))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The next maximal run of ASCII digits of <paramref name="text"/> at or after <paramref name="i"/>, which moves past it.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static bool NextDigitRun(string text, ref int i, out int start, out int length)
        {
            int n = text.Length;
            while (i < n && !char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            start = i;
            while (i < n && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            length = i - start;
            return length > 0;
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

        /// <summary>
        /// The next run of at least <see cref="MinEncodedRun"/> Base64 (or Base64url) characters from <paramref name="i"/>, less
        /// its '=' padding, and whether it is all hex digits (then it is decoded as hex too).
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        internal static bool NextEncodedRun(string text, ref int i, out int start, out int length, out bool allHex)
        {
            while (i < text.Length)
            {
                if (!IsBase64Char(text[i]))
                {
                    i++;
                    continue;
                }

                start = i;
                allHex = true;
                while (i < text.Length && IsBase64Char(text[i]))
                {
                    allHex &= Uri.IsHexDigit(text[i]);
                    i++;
                }

                length = i - start;
                while (i < text.Length && text[i] == '=')
                {
                    i++;
                }

                if (length >= MinEncodedRun)
                {
                    return true;
                }
            }

            start = 0;
            length = 0;
            allHex = false;
            return false;
        }

        /// <summary>Whether the text holds a run <see cref="NextEncodedRun"/> would find.</summary>
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

        /// <summary>The bytes of a hex run (its last digit dropped when odd), as <c>Convert.FromHexString</c> gives them.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private static bool TryHex(ReadOnlySpan<char> run, Span<byte> bytes, out int written)
        {
            written = run.Length / 2;
            for (int k = 0; k < written; k++)
            {
                int high = HexValue(run[2 * k]), low = HexValue(run[(2 * k) + 1]);
                if ((high | low) < 0)
                {
                    written = 0;
                    return false;
                }

                bytes[k] = (byte)((high << 4) | low);
            }

            return true;
        }

        private static int HexValue(char c)
        {
            uint d = (uint)(c - '0');
            if (d <= 9)
            {
                return (int)d;
            }

            uint l = (uint)((c | 0x20) - 'a');
            return l <= 5 ? (int)l + 10 : -1;
        }

        /// <summary>
        /// The bytes of a Base64 or Base64url run: '-' and '_' read as '+' and '/', a last lone character dropped, padded
        /// with '=' to a multiple of four.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private static bool TryBase64(ReadOnlySpan<char> run, Span<byte> bytes, out int written)
        {
            int usable = run.Length - (run.Length % 4 == 1 ? 1 : 0);
            int padded = (usable + 3) / 4 * 4;
            Span<char> s = padded <= 256 ? stackalloc char[padded] : new char[padded];
            for (int k = 0; k < usable; k++)
            {
                char c = run[k];
                s[k] = c == '-' ? '+' : c == '_' ? '/' : c;
            }

            s.Slice(usable).Fill('=');
            return Convert.TryFromBase64Chars(s, bytes, out written);
        }
    }
}
