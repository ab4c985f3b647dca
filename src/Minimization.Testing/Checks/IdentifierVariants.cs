using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Runtime.Intrinsics;
using System.Text;
using Minimization.Testing.Generators;

namespace Minimization.Testing.Checks
{
    /// <summary>One form an identifier may take in an output.</summary>
    internal readonly struct Needle
    {
        public Needle(string text, bool compact, string how, bool digitBoundary = false)
        {
            Text = compact ? ObjectText.Compact(text) : text;
            Compact = compact;
            How = how;
            DigitBoundary = digitBoundary;
        }

        public string Text { get; }

        /// <summary>Searched in the letters-and-digits-only, lower-cased form of a text, so separators do not hide it.</summary>
        public bool Compact { get; }

        public string How { get; }

        /// <summary>Must not sit between other digits (an IPv4 "1.2.3.4" inside "11.2.3.45" is another address).</summary>
        public bool DigitBoundary { get; }
    }

    /// <summary>How a part of an identifier is searched for.</summary>
    internal enum PartMode
    {
        /// <summary>Equal to a whole run of digits of the compact text (so "613402018" is found in "613-402-018|K1A").</summary>
        DigitRun,

        /// <summary>A word of the lower-cased text, bounded by characters that are not letters or digits.</summary>
        Token,

        /// <summary>An address prefix ("203.0.113", "2001:db8:1:2:") not continued by another digit.</summary>
        Prefix,

        /// <summary>Anywhere in the compact text.</summary>
        Compact,
    }

    /// <summary>A part of an identifier that may single its subject out on its own: the first 9 of 10 digits, a local part, a /24.</summary>
    internal readonly struct Part
    {
        private readonly string _source;
        private readonly int _start;
        private readonly int _length;

        public Part(string kind, string text, PartMode mode)
            : this(kind, text, 0, text.Length, mode)
        {
        }

        /// <summary>
        /// The part <paramref name="length"/> characters of <paramref name="source"/> from <paramref name="start"/>, kept as
        /// that range: the search reads it as <see cref="Chars"/>, and only a message or the population's index makes it a string.
        /// </summary>
        public Part(string kind, string source, int start, int length, PartMode mode)
        {
            Kind = kind;
            _source = source;
            _start = start;
            _length = length;
            Mode = mode;
        }

        /// <summary>What is kept, in words: "its first 9 digits", "its local part", "its /24 (all but the last octet)".</summary>
        public string Kind { get; }

        /// <summary>The kept text (a string made on each call when the part is a range of a longer one).</summary>
        public string Text => _start == 0 && _length == _source.Length ? _source : _source.Substring(_start, _length);

        /// <summary>The kept text, without making a string.</summary>
        public ReadOnlySpan<char> Chars => _source.AsSpan(_start, _length);

        public PartMode Mode { get; }
    }

    /// <summary>An identifying value taken from an input record, with the forms to look for.</summary>
    internal sealed class Identifier
    {
        public Identifier(string category, string member, string display, Needle[] needles, Part[]? parts = null)
        {
            Category = category;
            Member = member;
            Display = display;
            Needles = needles;
            Parts = parts ?? Array.Empty<Part>();
        }

        /// <summary>Parts that may single the subject out when kept alone.</summary>
        public Part[] Parts { get; }

        public string Category { get; }

        /// <summary>Where it came from, for example <c>CallRecord.CallerNumber</c>.</summary>
        public string Member { get; }

        /// <summary>The normalised value that names the person, for example <c>2025550143</c>.</summary>
        public string Display { get; }

        public Needle[] Needles { get; }

        public override string ToString() => Category + " " + Display;
    }

    internal static class ObjectText
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static string Compact(string s)
        {
            // Most texts are already compact (digits, lower-case hex): return them without copying.
            bool already = true;
            foreach (char c in s)
            {
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
                {
                    already = false;
                    break;
                }
            }

            if (already)
            {
                return s;
            }

            return string.Create(CountLetterOrDigit(s), s, (span, text) =>
            {
                int w = 0;
                foreach (char c in text)
                {
                    if (char.IsLetterOrDigit(c))
                    {
                        span[w++] = c < 128 ? (c >= 'A' && c <= 'Z' ? (char)(c + 32) : c) : char.ToLowerInvariant(c);
                    }
                }
            });
        }

        /// <summary>Writes the compact form of <paramref name="text"/> (as <see cref="Compact"/> makes it) into <paramref name="destination"/>, at least as long; returns its length.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static int CompactInto(ReadOnlySpan<char> text, Span<char> destination)
        {
            // Eight characters at a time while they are all ASCII letters and digits (a token): lower-cased at once.
            int w = 0, start = 0;
            if (System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated && text.Length >= 8)
            {
                ReadOnlySpan<ushort> units = System.Runtime.InteropServices.MemoryMarshal.Cast<char, ushort>(text);
                Span<ushort> into = System.Runtime.InteropServices.MemoryMarshal.Cast<char, ushort>(destination);
                var zero = System.Runtime.Intrinsics.Vector128.Create((ushort)'0');
                var nine = System.Runtime.Intrinsics.Vector128.Create((ushort)9);
                var a = System.Runtime.Intrinsics.Vector128.Create((ushort)'a');
                var z = System.Runtime.Intrinsics.Vector128.Create((ushort)25);
                var lower = System.Runtime.Intrinsics.Vector128.Create((ushort)0x20);
                while (start + 8 <= units.Length)
                {
                    var v = System.Runtime.Intrinsics.Vector128.Create(units.Slice(start, 8));
                    var folded = v | lower;
                    var digit = System.Runtime.Intrinsics.Vector128.LessThanOrEqual(v - zero, nine);
                    var letter = System.Runtime.Intrinsics.Vector128.LessThanOrEqual(folded - a, z);
                    if (!System.Runtime.Intrinsics.Vector128.EqualsAll(digit | letter, System.Runtime.Intrinsics.Vector128<ushort>.AllBitsSet))
                    {
                        break;
                    }

                    // Digits already have the 0x20 bit: or-ing it in lower-cases the letters and leaves the digits.
                    folded.CopyTo(into.Slice(w, 8));
                    w += 8;
                    start += 8;
                }
            }

            // Branch-free for ASCII: letters and digits of a hex token or a date alternate unpredictably.
            ReadOnlySpan<byte> ascii = AsciiCompact;
            foreach (char c in text.Slice(start))
            {
                if (c < 128)
                {
                    byte m = ascii[c];
                    destination[w] = (char)m;
                    w += m != 0 ? 1 : 0;
                }
                else if (char.IsLetterOrDigit(c))
                {
                    destination[w++] = char.ToLowerInvariant(c);
                }
            }

            return w;
        }

        /// <summary>The compact form of each ASCII character: itself for a-z and 0-9, lower-cased for A-Z, 0 (dropped) otherwise.</summary>
        private static ReadOnlySpan<byte> AsciiCompact => new byte[]
        {
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            (byte)'0', (byte)'1', (byte)'2', (byte)'3', (byte)'4', (byte)'5', (byte)'6', (byte)'7', (byte)'8', (byte)'9', 0, 0, 0, 0, 0, 0,
            0, (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f', (byte)'g', (byte)'h', (byte)'i', (byte)'j', (byte)'k', (byte)'l', (byte)'m', (byte)'n', (byte)'o',
            (byte)'p', (byte)'q', (byte)'r', (byte)'s', (byte)'t', (byte)'u', (byte)'v', (byte)'w', (byte)'x', (byte)'y', (byte)'z', 0, 0, 0, 0, 0,
            0, (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f', (byte)'g', (byte)'h', (byte)'i', (byte)'j', (byte)'k', (byte)'l', (byte)'m', (byte)'n', (byte)'o',
            (byte)'p', (byte)'q', (byte)'r', (byte)'s', (byte)'t', (byte)'u', (byte)'v', (byte)'w', (byte)'x', (byte)'y', (byte)'z', 0, 0, 0, 0, 0,
        };

        private static int CountLetterOrDigit(string s)
        {
            int n = 0;
            foreach (char c in s)
            {
                if (char.IsLetterOrDigit(c))
                {
                    n++;
                }
            }

            return n;
        }
    }

    /// <summary>The normalised variants of each kind of identifier: digits-only and E.164 phones, lower-cased e-mail and its local part, IPs in other notations, hex and Base64.</summary>
    internal static class IdentifierVariants
    {
        /// <summary>
        /// The identifier's normal form, cheap to compute, for the pass over every record: the national digits of a phone,
        /// the lower-cased e-mail, the canonical address, the compact name, the digits of a SIN, IMEI or IMSI, the compact
        /// postal code, the <c>yyyyMMdd</c> birth date, the MAC's hex, or the value. <c>Compact</c>: search the compact text.
        /// </summary>
        public static (string Text, bool Compact)? NormalForm(string category, object? value)
        {
            if (value == null)
            {
                return null;
            }

            string raw = TextOf(value).Trim();
            switch (category)
            {
                case IdentityCategory.Phone:
                {
                    string digits = IdentityFormats.DigitsOnly(raw);
                    if (digits.Length < 7)
                    {
                        return null;
                    }

                    return (digits.Length == 11 && digits[0] == '1' ? digits.Substring(1) : digits, true);
                }

                case IdentityCategory.Email:
                    return raw.Length == 0 ? null : (raw.ToLowerInvariant(), false);
                case IdentityCategory.IpAddress:
                {
                    IPAddress? ip = value as IPAddress ?? (value is uint u ? new IPAddress(new[] { (byte)(u >> 24), (byte)(u >> 16), (byte)(u >> 8), (byte)u }) : IdentityFormats.ParseIp(raw));
                    return ip == null ? (raw.Length == 0 ? null : (raw, false)) : (ip.ToString(), false);
                }

                case IdentityCategory.Sin:
                case IdentityCategory.Imei:
                case IdentityCategory.Imsi:
                {
                    string digits = IdentityFormats.DigitsOnly(raw);
                    return digits.Length < 8 ? null : (digits, true);
                }

                case IdentityCategory.Name:
                case IdentityCategory.PostalCode:
                case IdentityCategory.Mac:
                {
                    string compact = ObjectText.Compact(value is byte[] b ? Convert.ToHexString(b) : raw);
                    return compact.Length < 4 ? null : (compact, true);
                }

                case IdentityCategory.DateOfBirth:
                {
                    DateOnly d;
                    if (value is DateOnly dd) d = dd;
                    else if (value is DateTime dt) d = DateOnly.FromDateTime(dt);
                    else if (value is DateTimeOffset dto) d = DateOnly.FromDateTime(dto.UtcDateTime);
                    else if (!DateOnly.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out d))
                    {
                        return raw.Length == 0 ? null : (ObjectText.Compact(raw), true);
                    }

                    return (d.ToString("yyyyMMdd", CultureInfo.InvariantCulture), true);
                }

                default:
                    return ObjectText.Compact(raw).Length < 6 ? null : (raw, false);
            }
        }

        /// <summary>What <see cref="NormalForm(string, ReadOnlySpan{char}, Span{char}, out int)"/> found.</summary>
        public enum FormResult
        {
            /// <summary>The value has no normal form (too short to name anyone): <see cref="NormalForm(string, object?)"/> gives null.</summary>
            None,

            /// <summary>The normal form, searched in the compact text, is in the destination.</summary>
            Compact,

            /// <summary>The normal form, searched in the raw text ignoring case, is in the destination.</summary>
            Raw,

            /// <summary>Not computed here (a category parsed into an object, a destination too short): use <see cref="NormalForm(string, object?)"/>.</summary>
            Unsupported,
        }

        /// <summary>
        /// The normal form of a text value without allocating, the same as <see cref="NormalForm(string, object?)"/> gives, for the
        /// pass over every record: phones, SIN, IMEI, IMSI, e-mail, names, postal codes, MAC addresses and opaque identifiers.
        /// <paramref name="destination"/> must be at least as long as <paramref name="value"/>.
        /// </summary>
        public static FormResult NormalForm(string category, ReadOnlySpan<char> value, Span<char> destination, out int length)
            => NormalForm(KindOf(category), value, destination, out length);

        /// <summary>How <see cref="NormalForm(FormKind, ReadOnlySpan{char}, Span{char}, out int)"/> treats a category's values.</summary>
        public enum FormKind
        {
            /// <summary>An opaque identifier: the value itself, searched ignoring case, when long enough.</summary>
            Opaque,

            /// <summary>The national digits of a phone number.</summary>
            Phone,

            /// <summary>The lower-cased e-mail address.</summary>
            Email,

            /// <summary>The digits of a SIN, IMEI or IMSI.</summary>
            Digits,

            /// <summary>The compact form of a name, postal code or MAC address.</summary>
            Compact,

            /// <summary>Parsed into an object (an address, a date): not computed without allocating.</summary>
            Parsed,
        }

        /// <summary>The kind of normal form a category has: resolved once per member, not once per record.</summary>
        public static FormKind KindOf(string category) => category switch
        {
            IdentityCategory.Phone => FormKind.Phone,
            IdentityCategory.Email => FormKind.Email,
            IdentityCategory.Sin or IdentityCategory.Imei or IdentityCategory.Imsi => FormKind.Digits,
            IdentityCategory.Name or IdentityCategory.PostalCode or IdentityCategory.Mac => FormKind.Compact,
            IdentityCategory.IpAddress or IdentityCategory.DateOfBirth => FormKind.Parsed,
            _ => FormKind.Opaque,
        };

        /// <summary>The normal form of a text value of a category of kind <paramref name="kind"/> (see <see cref="KindOf"/>), without allocating.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static FormResult NormalForm(FormKind kind, ReadOnlySpan<char> value, Span<char> destination, out int length)
        {
            length = 0;
            ReadOnlySpan<char> raw = value.Trim();
            if (destination.Length < raw.Length)
            {
                return FormResult.Unsupported;
            }

            switch (kind)
            {
                case FormKind.Phone:
                {
                    int digits = DigitsInto(raw, destination);
                    if (digits < 7)
                    {
                        return FormResult.None;
                    }

                    if (digits == 11 && destination[0] == '1')
                    {
                        destination.Slice(1, 10).CopyTo(destination);
                        digits = 10;
                    }

                    length = digits;
                    return FormResult.Compact;
                }

                case FormKind.Email:
                    if (raw.Length == 0)
                    {
                        return FormResult.None;
                    }

                    length = raw.ToLowerInvariant(destination);
                    return FormResult.Raw;
                case FormKind.Digits:
                    length = DigitsInto(raw, destination);
                    return length < 8 ? FormResult.None : FormResult.Compact;
                case FormKind.Compact:
                    length = ObjectText.CompactInto(raw, destination);
                    return length < 4 ? FormResult.None : FormResult.Compact;
                case FormKind.Parsed:
                    return FormResult.Unsupported;
                default:
                    if (ObjectText.CompactInto(raw, destination) < 6)
                    {
                        length = 0;
                        return FormResult.None;
                    }

                    raw.CopyTo(destination);
                    length = raw.Length;
                    return FormResult.Raw;
            }
        }

        /// <summary>
        /// For the kinds whose normal form is made only of ASCII digits (a phone's national digits; a SIN's, IMEI's or IMSI's
        /// digits): a length the normal form of <paramref name="value"/> has at least, or <see cref="int.MaxValue"/> when it has
        /// none (too few digits). The form cannot be in a compact text whose longest run of digits is shorter, so the pass can
        /// rule it out without writing the form or searching. 0 for every other kind (nothing ruled out).
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static int DigitFormMinLength(FormKind kind, ReadOnlySpan<char> value)
        {
            if (kind != FormKind.Phone && kind != FormKind.Digits)
            {
                return 0;
            }

            int digits = 0, i = 0;
            if (System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated)
            {
                ReadOnlySpan<ushort> units = System.Runtime.InteropServices.MemoryMarshal.Cast<char, ushort>(value);
                var zero = System.Runtime.Intrinsics.Vector128.Create((ushort)'0');
                var nine = System.Runtime.Intrinsics.Vector128.Create((ushort)9);
                for (; i + 8 <= units.Length; i += 8)
                {
                    var digit = System.Runtime.Intrinsics.Vector128.LessThanOrEqual(System.Runtime.Intrinsics.Vector128.Create(units.Slice(i, 8)) - zero, nine);
                    digits += System.Numerics.BitOperations.PopCount(digit.ExtractMostSignificantBits());
                }
            }

            for (; i < value.Length; i++)
            {
                digits += (uint)(value[i] - '0') <= 9 ? 1 : 0;
            }

            if (kind == FormKind.Phone)
            {
                // 11 digits with a leading 1 lose it: 10 is the least either way.
                return digits < 7 ? int.MaxValue : digits == 11 ? 10 : digits;
            }

            return digits < 8 ? int.MaxValue : digits;
        }

        /// <summary>Whether the normal forms of <paramref name="kind"/> are always searched in the compact text (never in the raw one).</summary>
        public static bool SearchedCompact(FormKind kind) => kind == FormKind.Phone || kind == FormKind.Digits || kind == FormKind.Compact;

        /// <summary>Whether every normal form of <paramref name="kind"/> is made only of ASCII digits.</summary>
        public static bool IsDigitKind(FormKind kind) => kind == FormKind.Phone || kind == FormKind.Digits;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private static int DigitsInto(ReadOnlySpan<char> text, Span<char> destination)
        {
            // Branch-free: notations mix digits and separators unpredictably ("(613) 555-0143", "+1 613.555.0143").
            int w = 0;
            foreach (char c in text)
            {
                destination[w] = c;
                w += (uint)(c - '0') <= 9 ? 1 : 0;
            }

            return w;
        }

        public static string TextOf(object value) => value switch
        {
            string s => s,
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            byte[] b => Convert.ToHexString(b).ToLowerInvariant(),
            PhysicalAddress m => m.ToString().ToLowerInvariant(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public static Identifier? Create(string category, string member, object? value)
        {
            if (value == null)
            {
                return null;
            }

            var needles = new List<Needle>(12);
            var parts = new List<Part>(6);
            string raw = TextOf(value).Trim();
            if (raw.Length == 0)
            {
                return null;
            }

            string display = raw;
            switch (category)
            {
                case IdentityCategory.Phone:
                {
                    string digits = IdentityFormats.DigitsOnly(raw);
                    if (digits.Length < 7)
                    {
                        return null;
                    }

                    string national = digits.Length == 11 && digits[0] == '1' ? digits.Substring(1) : digits;
                    display = national;
                    needles.Add(new Needle(national, compact: true, "as its digits"));
                    string e164 = national.Length == 10 ? "+1" + national : "+" + digits;
                    Encoded(needles, national, "digits");
                    Encoded(needles, e164, "E.164 form");
                    if (long.TryParse(national, NumberStyles.None, CultureInfo.InvariantCulture, out long n))
                    {
                        needles.Add(new Needle(n.ToString("x", CultureInfo.InvariantCulture), compact: true, "as a hex number"));
                    }

                    DigitParts(parts, national);
                    break;
                }

                case IdentityCategory.Email:
                {
                    string lower = raw.ToLowerInvariant();
                    display = lower;
                    needles.Add(new Needle(lower, compact: false, "as the lower-cased address"));
                    int at = lower.IndexOf('@');
                    if (at > 0)
                    {
                        string local = lower.Substring(0, at);
                        int plus = local.IndexOf('+');
                        string baseLocal = plus > 0 ? local.Substring(0, plus) : local;
                        if (baseLocal.Length >= 3)
                        {
                            parts.Add(new Part("its local part (without the domain)", baseLocal, PartMode.Token));
                        }
                    }

                    Encoded(needles, lower, "address");
                    if (lower != raw)
                    {
                        Encoded(needles, raw, "address");
                    }

                    break;
                }

                case IdentityCategory.IpAddress:
                {
                    IPAddress? ip = value as IPAddress ?? (value is uint u ? new IPAddress(new[] { (byte)(u >> 24), (byte)(u >> 16), (byte)(u >> 8), (byte)u }) : IdentityFormats.ParseIp(raw));
                    if (ip == null)
                    {
                        needles.Add(new Needle(raw, compact: false, "verbatim"));
                        break;
                    }

                    byte[] b = ip.GetAddressBytes();
                    display = ip.ToString();
                    if (IdentityFormats.IsIPv4(ip))
                    {
                        needles.Add(new Needle(display, compact: false, "in dotted notation", digitBoundary: true));
                        uint v = ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
                        needles.Add(new Needle(v.ToString(CultureInfo.InvariantCulture), compact: false, "as a 32-bit integer", digitBoundary: true));
                        needles.Add(new Needle(
                            string.Join(".", Array.ConvertAll(b, x => x.ToString("D3", CultureInfo.InvariantCulture))), compact: false, "zero-padded", digitBoundary: true));
                        needles.Add(new Needle(b[3] + "." + b[2] + "." + b[1] + "." + b[0] + ".in-addr.arpa", compact: false, "as a reverse-DNS name"));
                        needles.Add(new Needle(Convert.ToHexString(b), compact: true, "in hex"));
                        parts.Add(new Part("its /24 (all but the last octet)", b[0] + "." + b[1] + "." + b[2], PartMode.Prefix));
                    }
                    else
                    {
                        needles.Add(new Needle(display, compact: false, "in compressed notation"));
                        needles.Add(new Needle(Convert.ToHexString(b), compact: true, "in full hex notation"));
                        var prefix = new byte[16];
                        Array.Copy(b, prefix, 8);
                        string p64 = new IPAddress(prefix).ToString();
                        p64 = p64.EndsWith("::", StringComparison.Ordinal) ? p64.Substring(0, p64.Length - 1) : p64;
                        parts.Add(new Part("its /64 prefix", p64.ToLowerInvariant(), PartMode.Prefix));
                        parts.Add(new Part("its /64 prefix", Convert.ToHexString(b, 0, 8).ToLowerInvariant(), PartMode.Compact));
                    }

                    needles.Add(new Needle(Convert.ToBase64String(b), compact: false, "as Base64 of its bytes"));
                    Encoded(needles, display, "address");
                    break;
                }

                case IdentityCategory.Name:
                {
                    string[] names = raw.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                    if (names.Length >= 2)
                    {
                        string first = names[0], last = names[names.Length - 1];
                        needles.Add(new Needle(first + last, compact: true, "as the full name"));
                        needles.Add(new Needle(last + first, compact: true, "as 'last, first'"));
                        string af = IdentitySampler.Ascii(first), al = IdentitySampler.Ascii(last);
                        if (af + al != ObjectText.Compact(first + last))
                        {
                            needles.Add(new Needle(af + al, compact: true, "as the full name without accents"));
                        }

                        if (last.Length >= 4)
                        {
                            parts.Add(new Part("its last name", last.ToLowerInvariant(), PartMode.Token));
                        }

                        if (first.Length >= 4)
                        {
                            parts.Add(new Part("its first name", first.ToLowerInvariant(), PartMode.Token));
                        }
                    }
                    else if (raw.Length >= 4)
                    {
                        needles.Add(new Needle(raw, compact: true, "verbatim"));
                    }

                    Encoded(needles, raw, "name");
                    break;
                }

                case IdentityCategory.Sin:
                case IdentityCategory.Imei:
                case IdentityCategory.Imsi:
                {
                    string digits = IdentityFormats.DigitsOnly(raw);
                    if (digits.Length < 8)
                    {
                        return null;
                    }

                    display = digits;
                    needles.Add(new Needle(digits, compact: true, "as its digits"));
                    if (category == IdentityCategory.Imei && digits.Length == 15)
                    {
                        needles.Add(new Needle(digits.Substring(0, 14), compact: true, "without its check digit"));
                    }

                    Encoded(needles, digits, "digits");
                    DigitParts(parts, digits);
                    break;
                }

                case IdentityCategory.PostalCode:
                {
                    string compact = ObjectText.Compact(raw).ToUpperInvariant();
                    display = compact.Length == 6 ? compact.Substring(0, 3) + " " + compact.Substring(3) : raw;
                    needles.Add(new Needle(compact, compact: true, "as the full postal code"));
                    if (compact.Length == 6)
                    {
                        parts.Add(new Part("its first five characters", compact.Substring(0, 5).ToLowerInvariant(), PartMode.Compact));
                    }
                    Encoded(needles, compact, "postal code");
                    Encoded(needles, display, "postal code");
                    break;
                }

                case IdentityCategory.DateOfBirth:
                {
                    DateOnly d;
                    if (value is DateOnly dd) d = dd;
                    else if (value is DateTime dt) d = DateOnly.FromDateTime(dt);
                    else if (value is DateTimeOffset dto) d = DateOnly.FromDateTime(dto.UtcDateTime);
                    else if (!DateOnly.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out d))
                    {
                        needles.Add(new Needle(raw, compact: true, "verbatim"));
                        break;
                    }

                    display = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    needles.Add(new Needle(d.ToString("yyyyMMdd", CultureInfo.InvariantCulture), compact: true, "as the full date"));
                    needles.Add(new Needle(d.ToString("ddMMyyyy", CultureInfo.InvariantCulture), compact: true, "as the full date (day first)"));
                    needles.Add(new Needle(d.ToString("MMddyyyy", CultureInfo.InvariantCulture), compact: true, "as the full date (month first)"));
                    Encoded(needles, display, "date");
                    break;
                }

                case IdentityCategory.Mac:
                {
                    string? hex = value is byte[] mb ? Convert.ToHexString(mb).ToLowerInvariant() : IdentityFormats.MacHex(raw);
                    if (hex == null)
                    {
                        needles.Add(new Needle(raw, compact: true, "verbatim"));
                        break;
                    }

                    display = string.Join(":", SplitPairs(hex));
                    needles.Add(new Needle(hex, compact: true, "as its hex digits"));
                    if (hex.Length == 12)
                    {
                        parts.Add(new Part("its first five octets", hex.Substring(0, 10), PartMode.Compact));
                        parts.Add(new Part("its last five octets", hex.Substring(2), PartMode.Compact));
                    }
                    needles.Add(new Needle(Convert.ToBase64String(Convert.FromHexString(hex)), compact: false, "as Base64 of its bytes"));
                    Encoded(needles, display, "address");
                    break;
                }

                default:
                {
                    // Opaque identifiers, account ids, addresses: the value itself, ignoring case and separators when long enough to be safe.
                    if (ObjectText.Compact(raw).Length < 6)
                    {
                        // Short values (an age, a code) appear by chance in any output; they are quasi-identifiers, not identifiers.
                        return null;
                    }

                    needles.Add(new Needle(raw, compact: false, "verbatim"));
                    if (ObjectText.Compact(raw).Length >= 6)
                    {
                        needles.Add(new Needle(raw, compact: true, "without separators"));
                    }

                    Encoded(needles, raw, "value");
                    string valueDigits = IdentityFormats.DigitsOnly(raw);
                    if (valueDigits.Length >= 8)
                    {
                        DigitParts(parts, valueDigits);
                    }

                    break;
                }
            }

            return new Identifier(category, member, display, needles.ToArray(), parts.ToArray());
        }

        private static readonly string[] FirstDigits = Enumerable.Range(0, 33).Select(k => $"its first {k} digits").ToArray();
        private static readonly string[] LastDigits = Enumerable.Range(0, 33).Select(k => $"its last {k} digits").ToArray();

        /// <summary>
        /// Prefixes and suffixes of a digit string that drop at least one digit and keep at least 7: the first 9 of 10, the
        /// last 7 of 10, an IMSI's MSIN (its last 9 or 10 of 15, the network code dropped). Whether a kept part singles anyone
        /// out is for the population to say: a prefix shared by a whole network or device model does not.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private static void DigitParts(List<Part> parts, string digits)
        {
            if (digits.Length < 8)
            {
                return;
            }

            for (int keep = digits.Length - 1; keep >= 7; keep--)
            {
                parts.Add(new Part(keep < FirstDigits.Length ? FirstDigits[keep] : $"its first {keep} digits", digits, 0, keep, PartMode.DigitRun));
                parts.Add(new Part(keep < LastDigits.Length ? LastDigits[keep] : $"its last {keep} digits", digits, digits.Length - keep, keep, PartMode.DigitRun));
            }
        }

        private static IEnumerable<string> SplitPairs(string hex)
        {
            for (int i = 0; i + 1 < hex.Length; i += 2)
            {
                yield return hex.Substring(i, 2);
            }
        }

        /// <summary>
        /// Hex and Base64 of the UTF-8 text, for outputs that encode an identifier without decoding boundaries we can find. Each
        /// form is written into a stack buffer and made a string once (the sample's identifiers are built by the ten thousand):
        /// the same texts as <c>ObjectText.Compact(Convert.ToHexString(utf8))</c> and the Base64 less its padding and last character.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        internal static void Encoded(List<Needle> needles, string text, string what)
        {
            int byteCount = Encoding.UTF8.GetByteCount(text);
            Span<byte> utf8 = byteCount <= 256 ? stackalloc byte[byteCount] : new byte[byteCount];
            Encoding.UTF8.GetBytes(text, utf8);

            Span<char> hex = byteCount <= 256 ? stackalloc char[byteCount * 2] : new char[byteCount * 2];
            for (int i = 0; i < utf8.Length; i++)
            {
                hex[2 * i] = LowerHexDigits[utf8[i] >> 4];
                hex[(2 * i) + 1] = LowerHexDigits[utf8[i] & 15];
            }

            needles.Add(new Needle(new string(hex), compact: true, HexHow(what)));

            // Drop the last Base64 character: it mixes in bits of whatever follows when the value sits inside a longer text.
            int base64Length = (byteCount + 2) / 3 * 4;
            Span<char> base64 = base64Length <= 512 ? stackalloc char[base64Length] : new char[base64Length];
            Convert.TryToBase64Chars(utf8, base64, out int written);
            ReadOnlySpan<char> trimmed = base64.Slice(0, written).TrimEnd('=');
            if (trimmed.Length > 8)
            {
                needles.Add(new Needle(new string(trimmed.Slice(0, trimmed.Length - 1)), compact: false, Base64How(what)));
            }
        }

        private const string LowerHexDigits = "0123456789abcdef";

        /// <summary>The words of a hex form, constant for the kinds this file encodes (no string built per identifier).</summary>
        internal static string HexHow(string what) => what switch
        {
            "digits" => "as hex of its digits",
            "E.164 form" => "as hex of its E.164 form",
            "address" => "as hex of its address",
            "name" => "as hex of its name",
            "postal code" => "as hex of its postal code",
            "date" => "as hex of its date",
            "value" => "as hex of its value",
            _ => "as hex of its " + what,
        };

        /// <summary>The words of a Base64 form, as <see cref="HexHow"/>.</summary>
        internal static string Base64How(string what) => what switch
        {
            "digits" => "as Base64 of its digits",
            "E.164 form" => "as Base64 of its E.164 form",
            "address" => "as Base64 of its address",
            "name" => "as Base64 of its name",
            "postal code" => "as Base64 of its postal code",
            "date" => "as Base64 of its date",
            "value" => "as Base64 of its value",
            _ => "as Base64 of its " + what,
        };
    }
}
