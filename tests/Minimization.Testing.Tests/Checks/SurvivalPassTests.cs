using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Minimization.Testing.Checks;
using Minimization.Testing.Tests.Fixtures;
using Xunit;

namespace Minimization.Testing.Tests.Checks
{
    /// <summary>
    /// Survival's faster steps of harness round 5 give what the straightforward way gives: the compact text written alone,
    /// digit-only normal forms ruled out by the output's longest run of digits, tokens decoded in place and UTF-8 decoded
    /// without a fallback object.
    /// </summary>
    public class SurvivalPassTests
    {
        /// <summary>Random texts from a fixed seed: digits, letters, separators and a few non-ASCII letters, digits and symbols.</summary>
        public static IEnumerable<object[]> Texts()
        {
            foreach (string text in new[]
            {
                string.Empty, "2026-11-02", "613-555-0143", "9F3A0BC12D4E5F60718A", "12345678", "123456789", "1234567a12345678",
                "a12345678", "12345678a", "1-2-3-4-5-6-7-8-9-0-1-2-3-4-5-6-7", "٣٤٥6789", "12 é 345", "12 ½ 345", "x" + new string('7', 70),
            })
            {
                yield return new object[] { text };
            }

            const string alphabet = "0123456789012345678901234567890123456789abcXYZ-./ _:+éÉ٣½\u0001";
            var random = new Random(20261207);
            for (int k = 0; k < 80; k++)
            {
                var chars = new char[random.Next(1, 100)];
                for (int c = 0; c < chars.Length; c++)
                {
                    chars[c] = alphabet[random.Next(alphabet.Length)];
                }

                yield return new object[] { new string(chars) };
            }
        }

        private static int LongestRunCharByChar(string text)
        {
            int longest = 0, run = 0;
            foreach (char c in text)
            {
                run = c >= '0' && c <= '9' ? run + 1 : 0;
                longest = Math.Max(longest, run);
            }

            return longest;
        }

        public sealed record Pair(string A, string B, int N);

        [Theory]
        [MemberData(nameof(Texts))]
        public void The_longest_digit_run_equals_the_one_counted_character_by_character_in_the_compact_text(string text)
        {
            var output = new Pair(text, text.Length > 3 ? text.Substring(3) : "x", text.Length);
            var full = new LeafText();
            Assert.True(full.TryWrite(output));
            Assert.Equal(LongestRunCharByChar(full.Compact.ToString()), full.LongestDigitRun());
        }

        [Theory]
        [MemberData(nameof(Texts))]
        public void The_compact_only_writer_writes_the_same_compact_text_and_no_raw_text(string text)
        {
            var output = new Pair(text, "Région " + text, 42);
            var full = new LeafText();
            var compactOnly = new LeafText(compactOnly: true);
            Assert.True(full.TryWrite(output));
            Assert.True(compactOnly.TryWrite(output));
            Assert.Equal(full.Compact.ToString(), compactOnly.Compact.ToString());
            Assert.Equal(full.LongestDigitRun(), compactOnly.LongestDigitRun());
            Assert.Equal(0, compactOnly.Raw.Length);
        }

        [Theory]
        [InlineData(IdentityCategory.Phone)]
        [InlineData(IdentityCategory.Sin)]
        [InlineData(IdentityCategory.Imei)]
        [InlineData(IdentityCategory.Imsi)]
        public void The_least_length_of_a_digit_form_never_exceeds_the_form_and_is_infinite_exactly_when_there_is_none(string category)
        {
            IdentifierVariants.FormKind kind = IdentifierVariants.KindOf(category);
            Assert.True(IdentifierVariants.IsDigitKind(kind));
            Assert.True(IdentifierVariants.SearchedCompact(kind));
            var random = new Random(20261208);
            const string alphabet = "0123456789 -+().1";
            var values = new List<string> { "+1 613 555 0143", "1-613-555-0143", "2-613-555-0143", "555-0143", "613 555 014", "35-209900-176148-1", "046 454 286", string.Empty, " 1 " };
            for (int k = 0; k < 500; k++)
            {
                values.Add(new string(Enumerable.Range(0, random.Next(0, 22)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()));
            }

            foreach (string value in values)
            {
                var expected = IdentifierVariants.NormalForm(category, value);
                int least = IdentifierVariants.DigitFormMinLength(kind, value);
                if (expected == null)
                {
                    Assert.Equal(int.MaxValue, least);
                    continue;
                }

                Assert.True(expected.Value.Compact);
                Assert.All(expected.Value.Text, c => Assert.InRange(c, '0', '9'));
                Assert.InRange(least, 1, expected.Value.Text.Length);
            }
        }

        [Theory]
        [MemberData(nameof(Texts))]
        public void Compacting_eight_characters_at_a_time_gives_the_compact_form(string text)
        {
            // Tokens and their neighbours: runs of ASCII letters and digits long enough for the eight-at-a-time path.
            foreach (string t in new[] { text, "9F3A0BC12D4E5F60718A" + text, text + "ABCDEFGHIJKLMNOPqrstuvwxyz0123456789", text.ToUpperInvariant() })
            {
                var destination = new char[t.Length];
                int length = ObjectText.CompactInto(t, destination);
                Assert.Equal(ObjectText.Compact(t), new string(destination, 0, length));
            }
        }

        [Theory]
        [MemberData(nameof(Texts))]
        public void Digits_only_keeps_the_ascii_digits_in_order(string text)
            => Assert.Equal(new string(text.Where(c => c >= '0' && c <= '9').ToArray()), Minimization.Testing.Generators.IdentityFormats.DigitsOnly(text));

        [Theory]
        [InlineData(IdentityCategory.Email)]
        [InlineData(IdentityCategory.Name)]
        [InlineData(IdentityCategory.IpAddress)]
        [InlineData("loyalty-card")]
        public void Other_kinds_rule_nothing_out(string category)
            => Assert.Equal(0, IdentifierVariants.DigitFormMinLength(IdentifierVariants.KindOf(category), "12345678901234567890"));

        [Fact]
        public void Utf8_text_equals_the_decoder_of_the_framework_on_random_and_broken_bytes()
        {
            var random = new Random(20261209);
            for (int k = 0; k < 20_000; k++)
            {
                byte[] bytes = new byte[random.Next(0, 40)];
                random.NextBytes(bytes);
                if (k % 3 == 0)
                {
                    // Valid text with one byte broken: truncated and overlong sequences, lone continuation bytes.
                    bytes = Encoding.UTF8.GetBytes("héllo € 𝄞 ٣ x" + k.ToString(CultureInfo.InvariantCulture));
                    bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                }

                Assert.Equal(Encoding.UTF8.GetString(bytes), SurvivalSearch.Utf8Text(bytes));
            }

            Assert.Equal(Encoding.UTF8.GetString(new byte[300].Select((_, i) => (byte)(0x80 + (i % 64))).ToArray()), SurvivalSearch.Utf8Text(new byte[300].Select((_, i) => (byte)(0x80 + (i % 64))).ToArray()));
        }

        /// <summary>The haystacks as round 4 made them (a string per run, per replacement, per padding and per decoding), with the text reversed, percent-decoded and JSON-unescaped.</summary>
        private static List<(string Path, string Raw, string Compact, string How)> Straightforward(List<Leaf> leaves)
        {
            var hay = new List<(string, string, string, string)>();
            void Add(string path, string text, string how)
            {
                if (text.Length > 0)
                {
                    hay.Add((path, text, ObjectText.Compact(text), how));
                }
            }

            static bool IsBase64Char(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '-' || c == '_';
            foreach (Leaf leaf in leaves)
            {
                if (leaf.Bytes != null)
                {
                    Add(leaf.Path, Encoding.UTF8.GetString(leaf.Bytes), "as raw bytes");
                    Add(leaf.Path, leaf.Text, string.Empty);
                    continue;
                }

                Add(leaf.Path, leaf.Text, string.Empty);
                if (leaf.Text.Length >= 7)
                {
                    Add(leaf.Path, new string(leaf.Text.Reverse().ToArray()), "reversed");
                }

                if (System.Text.RegularExpressions.Regex.IsMatch(leaf.Text, "%[0-9A-Fa-f]{2}") && Uri.UnescapeDataString(leaf.Text) != leaf.Text)
                {
                    Add(leaf.Path, Uri.UnescapeDataString(leaf.Text), "URL-encoded");
                }

                string unescaped = System.Text.RegularExpressions.Regex.Replace(leaf.Text, @"\\u([0-9A-Fa-f]{4})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
                if (unescaped != leaf.Text)
                {
                    Add(leaf.Path, unescaped, "JSON-escaped");
                }

                string text = leaf.Text;
                var runs = new List<(string Run, string Kind)>();
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

                    if (end - start >= 12)
                    {
                        string run = text.Substring(start, end - start);
                        if (allHex)
                        {
                            runs.Add((run, "hex"));
                        }

                        runs.Add((run, "Base64"));
                    }
                }

                foreach (var (run, kind) in runs)
                {
                    byte[]? bytes;
                    if (kind == "hex")
                    {
                        bytes = Convert.FromHexString(run.Length % 2 == 0 ? run : run.Substring(0, run.Length - 1));
                    }
                    else
                    {
                        string s = run.Replace('-', '+').Replace('_', '/');
                        s = s.Substring(0, s.Length - (s.Length % 4 == 1 ? 1 : 0));
                        s = s.PadRight((s.Length + 3) / 4 * 4, '=');
                        var buffer = new byte[s.Length * 3 / 4];
                        bytes = Convert.TryFromBase64String(s, buffer, out int written) ? buffer.AsSpan(0, written).ToArray() : null;
                    }

                    if (bytes != null && bytes.Length > 0)
                    {
                        Add(leaf.Path, Encoding.UTF8.GetString(bytes), kind == "hex" ? "as hex" : "as Base64");
                        if (kind != "hex")
                        {
                            Add(leaf.Path, Convert.ToHexString(bytes), "as the bytes of Base64");
                        }
                    }
                }
            }

            return hay;
        }

        [Fact]
        public void Tokens_decoded_in_place_give_the_haystacks_of_the_straightforward_decoding()
        {
            var random = new Random(20261210);
            var texts = new List<string>
            {
                "9F3A0BC12D4E5F60718A", "9F3A0BC12D4E5F60718", "c2FtcGxlIHRva2Vu", "c2FtcGxlIHRva2Vu==", "c2FtcGxlIHRva2V", "ab_cd-ef+gh/ij",
                "x " + Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"caller\":\"+12025550143\"}")) + " y 0123456789abcdef0",
                Convert.ToBase64String(new byte[400].Select((_, i) => (byte)i).ToArray()), "2026-11-02", "rural", string.Empty,
            };
            const string alphabet = "ABCDEFabcdef0123456789+/-_=xyz .:";
            for (int k = 0; k < 300; k++)
            {
                texts.Add(new string(Enumerable.Range(0, random.Next(0, 80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray()));
                var bytes = new byte[random.Next(1, 40)];
                random.NextBytes(bytes);
                texts.Add(k % 2 == 0 ? Convert.ToHexString(bytes) : Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_'));
            }

            foreach (string text in texts)
            {
                var leaves = new List<Leaf> { new Leaf("Shared.Token", text), new Leaf("Shared.Raw", "raw", Encoding.UTF8.GetBytes(text)) };
                Assert.Equal(Straightforward(leaves), SurvivalSearch.Haystacks(leaves).Select(h => (h.Path, h.Raw, h.Compact, h.How)));
            }
        }

        [Fact]
        public void Digit_parts_kept_as_ranges_read_as_the_prefixes_and_suffixes_they_were()
        {
            Identifier phone = IdentifierVariants.Create(IdentityCategory.Phone, "In.Phone", "+1 (613) 555-0143")!;
            Assert.Equal(
                new[]
                {
                    ("its first 9 digits", "613555014"), ("its last 9 digits", "135550143"), ("its first 8 digits", "61355501"),
                    ("its last 8 digits", "35550143"), ("its first 7 digits", "6135550"), ("its last 7 digits", "5550143"),
                },
                phone.Parts.Select(p => (p.Kind, p.Text)));
            Assert.All(phone.Parts, p => Assert.Equal(p.Text, p.Chars.ToString()));
            Assert.All(phone.Parts, p => Assert.Equal(PartMode.DigitRun, p.Mode));
        }

        [Fact]
        public void Parts_found_through_the_digit_runs_are_those_found_by_scanning_every_haystack()
        {
            var random = new Random(20261211);
            var identifiers = new List<Identifier>
            {
                IdentifierVariants.Create(IdentityCategory.Phone, "In.Phone", "+1 613-555-0143")!,
                IdentifierVariants.Create(IdentityCategory.Imei, "In.Imei", "352099001761481")!,
                IdentifierVariants.Create(IdentityCategory.Sin, "In.Sin", "046 454 286")!,
                IdentifierVariants.Create(IdentityCategory.Email, "In.Email", "ana.silva+news@example.org")!,
                IdentifierVariants.Create(IdentityCategory.IpAddress, "In.Ip", "203.0.113.77")!,
                IdentifierVariants.Create(IdentityCategory.AccountId, "In.Account", "AC-00421337-9")!,
            };
            int found = 0;
            for (int k = 0; k < 2_000; k++)
            {
                Identifier id = identifiers[random.Next(identifiers.Count)];
                string kept = id.Parts.Length > 0 ? id.Parts[random.Next(id.Parts.Length)].Text : string.Empty;
                string noise = new string(Enumerable.Range(0, random.Next(0, 12)).Select(_ => "0123456789ab-. "[random.Next(15)]).ToArray());
                string left = random.Next(3) switch
                {
                    0 => noise + kept + noise,
                    1 => noise + kept,
                    _ => noise,
                };
                var leaves = new List<Leaf>
                {
                    new Leaf("Out.Left", left),
                    new Leaf("Out.Token", Convert.ToBase64String(Encoding.UTF8.GetBytes("x" + (kept.Length > 0 ? kept : "y") + noise))),
                    new Leaf("Out.Right", random.Next(2) == 0 ? "2026-11-02" : noise + "7"),
                };
                List<Haystack> hay = SurvivalSearch.Haystacks(leaves);
                var runs = new List<DigitRun>();
                SurvivalSearch.DigitRuns(hay, runs);
                foreach (Part part in id.Parts)
                {
                    Hit? scanned = SurvivalSearch.FindPart(part, hay);
                    Hit? indexed = SurvivalSearch.FindPart(part, hay, runs);
                    Assert.Equal(scanned.HasValue, indexed.HasValue);
                    if (scanned.HasValue)
                    {
                        found++;
                        Assert.Equal((scanned.Value.Path, scanned.Value.How), (indexed!.Value.Path, indexed.Value.How));
                    }
                }
            }

            Assert.InRange(found, 500, 20_000);
        }

        public sealed record Digits(string Left, string Right, int Bucket);

        [Fact]
        public void The_pass_reports_exactly_the_records_whose_compact_output_holds_a_normal_form()
        {
            // Outputs beyond the sample (the first 4,096 records and every 64th) hold the identifiers' digits cut short, inside
            // longer runs, split by separators or by letters, next to dates: the pass finds what a plain search of the compact
            // text finds, record by record. Inside the sample nothing leaks, so the count is the pass's alone.
            var records = new List<CallRecord>();
            for (int i = 0; i < 6_000; i++)
            {
                records.Add(new CallRecord
                {
                    CallerNumber = "+1 613-" + (200 + (i % 700)).ToString(CultureInfo.InvariantCulture) + "-" + (i % 10_000).ToString("D4", CultureInfo.InvariantCulture),
                    CalleeNumber = (i % 5 == 0 ? "1-" : string.Empty) + "819-555-" + ((i * 7) % 10_000).ToString("D4", CultureInfo.InvariantCulture),
                    TowerId = "302-720-10037-1000",
                    Imei = "35" + (i * 7919L % 10_000_000_000_000L).ToString("D13", CultureInfo.InvariantCulture),
                    DurationSeconds = i,
                });
            }

            static bool InSample(int i) => i < 4_096 || i % 64 == 0;
            static string Digits(string s) => new string(s.Where(c => c >= '0' && c <= '9').ToArray());
            static Digits Leak(CallRecord r)
            {
                int i = r.DurationSeconds;
                string caller = Digits(r.CallerNumber).Substring(1), callee = Digits(r.CalleeNumber), imei = r.Imei;
                if (InSample(i))
                {
                    return new Digits("2026-11-02", "none", i % 3);
                }

                return (i % 11) switch
                {
                    0 => new Digits(caller.Substring(0, 9), "2026-11-02", 1),
                    1 => new Digits("7" + caller + "7", "x", 2),
                    2 => new Digits(caller.Substring(0, 3) + "-" + caller.Substring(3, 3) + "." + caller.Substring(6), "y", 3),
                    3 => new Digits(caller.Substring(0, 5) + "a" + caller.Substring(5), "20261102", 4),
                    4 => new Digits("tok" + imei.Substring(0, 14) + "Z", "é" + imei.Substring(14), 5),
                    5 => new Digits("D" + imei, string.Empty, 6),
                    6 => new Digits(callee.Substring(0, 4) + "٣" + callee.Substring(4), callee.Substring(callee.Length - 3), 7),
                    7 => new Digits(callee.Length == 11 ? callee.Substring(1) : callee, "-", 8),
                    8 => new Digits(caller.Substring(0, 6), caller.Substring(6), int.Parse(caller.Substring(0, 9), CultureInfo.InvariantCulture)),
                    9 => new Digits("½" + caller.Substring(0, 2) + "½" + caller.Substring(2), "q", 9),
                    _ => new Digits("2026-11-02", "2026-11-03", 10),
                };
            }

            int expected = 0;
            for (int i = 0; i < records.Count; i++)
            {
                if (InSample(i))
                {
                    continue;
                }

                Digits output = Leak(records[i]);
                string compact = ObjectText.Compact(output.Left) + "\u0001" + ObjectText.Compact(output.Right) + "\u0001" + output.Bucket.ToString(CultureInfo.InvariantCulture);
                bool found = new[] { (IdentityCategory.Phone, records[i].CallerNumber), (IdentityCategory.Phone, records[i].CalleeNumber), (IdentityCategory.Imei, records[i].Imei) }
                    .Select(m => IdentifierVariants.NormalForm(m.Item1, m.Item2))
                    .Any(form => form != null && compact.Contains(form.Value.Text, StringComparison.Ordinal));
                expected += found ? 1 : 0;
            }

            Assert.InRange(expected, 700, 1_000);
            var spec = MinimizerSpec.For<CallRecord, Digits>(Leak).WithoutPartialIdentifierCheck();
            var e = Assert.Throws<MinimizerCheckException>(() => spec.Check(records));
            PropertyResult survives = e.Report!.Properties.Single(p => p.Kind == FindingKind.IdentifierSurvives);
            Assert.Equal(expected, survives.Figure);
        }
    }
}
