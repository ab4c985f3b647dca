using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Minimization.Analyzers.Flow
{
    /// <summary>Where identity entered the program: a member, a parameter, a return value or a value of an identity-bearing type.</summary>
    internal sealed class IdentitySource : IEquatable<IdentitySource>
    {
        public IdentitySource(string display, string? category, Location? location, object key)
        {
            Display = display;
            Category = category;
            Location = location;
            Key = key;
            AsLabel = Label.Concrete(this);
        }

        /// <summary>The concrete label for this source, made once.</summary>
        public Label AsLabel { get; }

        /// <summary>How the message names the source, for example <c>CallRecord.CallerNumber</c>.</summary>
        public string Display { get; }

        public string? Category { get; }

        public Location? Location { get; }

        /// <summary>Identity of the source for set semantics: the symbol (or symbol + kind) that introduced it.</summary>
        public object Key { get; }

        public bool Equals(IdentitySource? other) => other is not null && Equals(Key, other.Key);

        public override bool Equals(object? obj) => Equals(obj as IdentitySource);

        public override int GetHashCode() => Key.GetHashCode();
    }

    /// <summary>One hop of a flow, as the user reads it: "local 'n'", "Helper(string)".</summary>
    internal class FlowStep
    {
        public FlowStep(string display, Location? location, FlowStep? previous)
            : this(display, location, previous is null ? 1 : previous.Length + 1)
        {
            _previous = previous;
        }

        private protected FlowStep(string display, Location? location, int length)
        {
            Display = display;
            Location = location;
            Length = length;
        }

        public string Display { get; }

        public Location? Location { get; }

        /// <summary>The step before this one; null for the first step of a path.</summary>
        public virtual FlowStep? Previous => _previous;

        private readonly FlowStep? _previous;

        public int Length { get; }

        /// <summary>How a path shows the steps it left out: the marker stands between the first step and the newest ones.</summary>
        public const string ElisionDisplay = "…";

        /// <summary>
        /// <paramref name="path"/> with one hop appended. Past <paramref name="maxPath"/> steps the path keeps its first step (where
        /// the value left its source), an elision marker, and its newest half, so that the step before a sink is always the one
        /// that reaches it: a message may leave steps out, but never jumps. Cutting back to half, not to the cap, keeps appending
        /// cheap: a path is rebuilt once every few steps, not at every step.
        /// </summary>
        public static FlowStep Append(FlowStep? path, string display, Location? location, int maxPath)
            => path is null || path.Length < maxPath ? new FlowStep(display, location, path) : Elide(path, new FlowStep(display, location, null), maxPath);

        /// <summary><paramref name="path"/> followed by every step of <paramref name="tail"/>, in order, bounded as <see cref="Append(FlowStep?, string, Location?, int)"/> is.</summary>
        public static FlowStep? Append(FlowStep? path, FlowStep? tail, int maxPath)
        {
            if (tail is null)
            {
                return path;
            }

            if (path is null)
            {
                return tail.Length <= maxPath ? tail : Elide(null, tail, maxPath);
            }

            return path.Length + tail.Length <= maxPath ? Copy(tail, tail.Length, path) : Elide(path, tail, maxPath);
        }

        /// <summary>The first step of <paramref name="path"/> then <paramref name="tail"/>, the marker, and the newest half of the two.</summary>
        private static FlowStep Elide(FlowStep? path, FlowStep tail, int maxPath)
        {
            var first = (path ?? tail).First();
            var keep = Math.Max(1, maxPath / 2);
            var fromTail = Math.Min(keep, tail.Length);
            FlowStep kept = new FlowStep(ElisionDisplay, null, first);
            if (fromTail < keep && path is not null && path.Length > 1)
            {
                kept = Copy(path, Math.Min(keep - fromTail, path.Length - 1), kept);
            }

            return Copy(tail, fromTail, kept);
        }

        /// <summary>The oldest step of this path, found without building the steps a <see cref="Rebased"/> step leaves for later.</summary>
        private FlowStep First()
        {
            var step = this;
            while (true)
            {
                if (step is Rebased rebased)
                {
                    step = rebased.Onto;
                }
                else if (step.Previous is { } previous)
                {
                    step = previous;
                }
                else
                {
                    return step;
                }
            }
        }

        /// <summary>
        /// The newest <paramref name="count"/> steps ending at <paramref name="newest"/>, oldest first, on <paramref name="onto"/>.
        /// One object, whatever the count: a callee's inner path is appended to every caller's path at every call, and copying it
        /// step by step was most of what the analysis allocated on large recursive groups.
        /// </summary>
        private static FlowStep Copy(FlowStep newest, int count, FlowStep onto)
            => count <= 1 || newest.Length <= 1 ? new FlowStep(newest.Display, newest.Location, onto) : new Rebased(newest, Math.Min(count, newest.Length), onto);

        /// <summary>
        /// Whether <paramref name="a"/> and <paramref name="b"/> begin with the same steps of one path placed on two others (a
        /// callee's inner path after two callers' paths): then those steps are equal, and a comparison goes on from where they
        /// were placed, without making them.
        /// </summary>
        internal static bool SameSteps(FlowStep a, FlowStep b, out FlowStep? ontoA, out FlowStep? ontoB)
        {
            if (a is Rebased ra && b is Rebased rb && ReferenceEquals(ra.Newest, rb.Newest) && ra.Count == rb.Count)
            {
                ontoA = ra.Onto;
                ontoB = rb.Onto;
                return true;
            }

            ontoA = ontoB = null;
            return false;
        }

        /// <summary>
        /// A step of another path (the newest of its last <see cref="Count"/> steps) placed on <see cref="Onto"/>: the steps
        /// before it are made when first walked, once.
        /// </summary>
        private sealed class Rebased : FlowStep
        {
            public Rebased(FlowStep newest, int count, FlowStep onto)
                : base(newest.Display, newest.Location, onto.Length + count)
            {
                Newest = newest;
                Count = count;
                Onto = onto;
            }

            private FlowStep? _made;

            /// <summary>The step of the other path this one repeats.</summary>
            public FlowStep Newest { get; }

            /// <summary>How many steps of the other path, ending at <see cref="Newest"/>, come after <see cref="Onto"/>.</summary>
            public int Count { get; }

            public FlowStep Onto { get; }

            public override FlowStep? Previous
                => Volatile.Read(ref _made) ?? Interlocked.CompareExchange(ref _made, Copy(Newest.Previous!, Count - 1, Onto), null) ?? _made!;
        }

        /// <summary>Steps from the oldest to the newest.</summary>
        public IReadOnlyList<FlowStep> InOrder()
        {
            var list = new List<FlowStep>(Length);
            for (var s = this; s is not null; s = s.Previous)
            {
                list.Add(s);
            }

            list.Reverse();
            return list;
        }
    }

    /// <summary>
    /// What a value may carry: either concrete identity from a source, or (inside a method summary) whatever the caller
    /// passes for a parameter or the receiver, reached through a chain of member reads.
    /// </summary>
    internal sealed class Label : IEquatable<Label>
    {
        private Label(IdentitySource? source, int parameter, ImmutableArray<string> memberPath, string? minimizer = null)
        {
            Source = source;
            Parameter = parameter;
            MemberPath = memberPath.IsDefault ? ImmutableArray<string>.Empty : memberPath;
            Minimizer = minimizer;
            var hash = source?.GetHashCode() ?? (parameter * 397);
            foreach (var m in MemberPath)
            {
                hash = (hash * 31) ^ StringComparer.Ordinal.GetHashCode(m);
            }

            if (minimizer is not null)
            {
                hash = (hash * 17) ^ StringComparer.Ordinal.GetHashCode(minimizer);
            }

            _hash = hash;
        }

        private readonly int _hash;

        public const int ThisParameter = -1;

        public IdentitySource? Source { get; }

        public bool IsConcrete => Source is not null;

        /// <summary>Ordinal of the parameter a symbolic label stands for; <see cref="ThisParameter"/> for the receiver.</summary>
        public int Parameter { get; }

        public ImmutableArray<string> MemberPath { get; }

        /// <summary>
        /// Set only when <c>minimization.report_minimized_flows</c> is on: the identity this label stands for passed through
        /// this minimizer (its display name). Such a label flows like identity, so summaries carry it, but it is a fact for the
        /// audit (MIN016), never a violation.
        /// </summary>
        public string? Minimizer { get; }

        public bool IsMinimized => Minimizer is not null;

        /// <summary>The same identity, marked as having passed through <paramref name="minimizer"/> (the first minimizer on the way is kept).</summary>
        public Label MinimizedBy(string minimizer) => IsMinimized ? this : new Label(Source, Parameter, MemberPath, minimizer);

        public static Label Concrete(IdentitySource source) => new Label(source, 0, ImmutableArray<string>.Empty);

        /// <summary>
        /// The member path element for a scalar member (a number, Guid, bool, enum, date) read from an object that only contains
        /// identity (Reading 11): <see cref="AbstractValue.Member"/> gives the member as written, or only the object's symbolic
        /// labels, never its identity as a whole.
        /// </summary>
        public static string ScalarMember(string name) => ScalarMark + name;

        /// <summary>Whether <paramref name="element"/> is a <see cref="ScalarMember"/> path element; <paramref name="name"/> is the member's name.</summary>
        public static bool IsScalarMember(string element, out string name)
        {
            var scalar = element.Length > 1 && element[0] == ScalarMark;
            name = scalar ? element.Substring(1) : element;
            return scalar;
        }

        private const char ScalarMark = '\u0001';

        public static Label Symbolic(int parameter) => new Label(null, parameter, ImmutableArray<string>.Empty);

        /// <summary>A symbolic label's parameter as a whole (it covers every member path of it); a concrete label itself.</summary>
        public Label Whole()
        {
            if (IsConcrete || MemberPath.Length == 0)
            {
                return this;
            }

            // Asked for every entry of every widened set: made once per label (immutable, so a race at worst makes it twice).
            return Volatile.Read(ref _whole) ?? Interlocked.CompareExchange(ref _whole, new Label(null, Parameter, ImmutableArray<string>.Empty, Minimizer), null) ?? _whole!;
        }

        private Label? _whole;

        public Label WithMember(string member, int maxPath)
        {
            if (IsConcrete || MemberPath.Length >= maxPath && !IsScalarStepPastCap(member, maxPath))
            {
                return this;
            }

            // Labels are immutable and the same member is read from the same label again and again (every pass, every
            // block): the children made so far are kept, copy-on-write, a few per label, so that a read costs no allocation.
            var known = Volatile.Read(ref _children);
            if (known is not null)
            {
                foreach (var child in known)
                {
                    if (string.Equals(child.MemberPath[child.MemberPath.Length - 1], member, StringComparison.Ordinal))
                    {
                        return child;
                    }
                }
            }

            var made = new Label(null, Parameter, MemberPath.Add(member), Minimizer);
            if (known is null || known.Length < MaxCachedChildren)
            {
                var grown = new Label[(known?.Length ?? 0) + 1];
                known?.CopyTo(grown, 0);
                grown[grown.Length - 1] = made;
                Interlocked.CompareExchange(ref _children, grown, known);
            }

            return made;
        }

        private const int MaxCachedChildren = 16;

        /// <summary>
        /// A scalar member read at the end of a path already at the cap (the <c>Total</c> of a node reached through
        /// <c>Children</c> four times, down a recursive walk): one step past it, and the last, so that the read keeps what
        /// Reading 11 says of it (the container's identity does not pass). Cut at the cap, the label would stand for the whole
        /// object down there and carry its identity.
        /// </summary>
        private bool IsScalarStepPastCap(string member, int maxPath)
            => MemberPath.Length == maxPath && IsScalarMember(member, out _) && (MemberPath.Length == 0 || !IsScalarMember(MemberPath[MemberPath.Length - 1], out _));

        private Label[]? _children;

        public bool Equals(Label? other)
        {
            if (other is null || _hash != other._hash || !string.Equals(Minimizer, other.Minimizer, StringComparison.Ordinal))
            {
                return false;
            }

            if (IsConcrete || other.IsConcrete)
            {
                return Equals(Source, other.Source);
            }

            if (Parameter != other.Parameter || MemberPath.Length != other.MemberPath.Length)
            {
                return false;
            }

            for (var i = 0; i < MemberPath.Length; i++)
            {
                if (!string.Equals(MemberPath[i], other.MemberPath[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as Label);

        public override int GetHashCode() => _hash;

        public override string ToString()
        {
            if (Minimizer is not null)
            {
                return new Label(Source, Parameter, MemberPath).ToString() + " minimized by " + Minimizer;
            }

            if (Source is not null)
            {
                return Source.Display;
            }

            var sb = new StringBuilder(Parameter == ThisParameter ? "this" : "param#" + Parameter);
            foreach (var m in MemberPath)
            {
                IsScalarMember(m, out var name);
                sb.Append('.').Append(name);
            }

            return sb.ToString();
        }
    }

    /// <summary>A label together with the path it travelled. Equality ignores the path: the first path found is kept.</summary>
    internal readonly struct TaintEntry
    {
        public TaintEntry(Label label, FlowStep? path)
        {
            Label = label;
            Path = path;
        }

        public Label Label { get; }

        public FlowStep? Path { get; }
    }
}
