using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Minimization.Testing.Populations
{
    /// <summary>One settable data member of a record type, with the identity category it carries.</summary>
    internal sealed class MemberSlot
    {
        private readonly Func<object, object?> _get;
        private readonly Action<object, object?>? _set;

        public MemberSlot(MemberInfo member, Type valueType, string? category, bool identity, Func<object, object?> get, Action<object, object?>? set)
        {
            Member = member;
            ValueType = valueType;
            Category = category;
            IsIdentity = identity;
            _get = get;
            _set = set;
        }

        public MemberInfo Member { get; }

        /// <summary>The member's name, or its path from the record for a member of a nested object or a collection's element (<c>Caller.Msisdn</c>, <c>Aliases[0]</c>).</summary>
        public string Name => _path ?? Member.Name;

        private string? _path;

        /// <summary>For a collection of identifiers (<c>List&lt;string&gt; Aliases</c>), the element type; else null.</summary>
        public Type? ElementType { get; private set; }

        /// <summary>A member holding an object of its own (a <c>Subscriber</c> inside a call record), whose members carry the identity.</summary>
        public bool IsNested { get; private set; }

        internal void MarkNested() => IsNested = true;

        internal void MarkCollection(Type element) => ElementType = element;

        /// <summary>The slot an element of this collection member is generated through: the element type, the member's category.</summary>
        public MemberSlot ElementSlot()
            => new MemberSlot(Member, ElementType ?? ValueType, Category, IsIdentity, _get, _set) { Occurrence = Occurrence, CategoryGuessed = CategoryGuessed };

        /// <summary>
        /// The member <paramref name="inner"/> of the object this slot holds, read and written from the outer record: reading
        /// goes through this member (null when it is null); writing copies the inner object, so the record a copy was made
        /// from keeps its own, and sets the copy back.
        /// </summary>
        public MemberSlot Through(MemberSlot inner, Func<object, object> clone)
        {
            MemberSlot outer = this;
            Action<object, object?>? set = null;
            if (CanSet && inner.CanSet)
            {
                set = (record, value) =>
                {
                    object? holder = outer.Get(record);
                    if (holder == null)
                    {
                        return;
                    }

                    object copy = clone(holder);
                    inner.Set(copy, value);
                    outer.Set(record, copy);
                };
            }

            // The inner slot's getter already unwraps a value object, and its setter wraps one.
            return new MemberSlot(inner.Member, inner.ValueType, inner.Category, inner.IsIdentity, r => outer.Get(r) is object h ? inner.Get(h) : null, set == null ? null : (r, v) => set(r, v))
            {
                _path = Name + "." + inner.Name,
                CategoryGuessed = inner.CategoryGuessed,
                Occurrence = inner.Occurrence,
                IsNested = inner.IsNested,
                ElementType = inner.ElementType,
            };
        }

        /// <summary>
        /// Element <paramref name="index"/> of this collection member, read and written from the record (null when the
        /// collection is shorter); writing builds a new collection of the member's type with that element replaced.
        /// </summary>
        public MemberSlot Element(int index)
        {
            MemberSlot outer = this;
            Type element = ElementType!;
            Action<object, object?>? set = null;
            if (CanSet)
            {
                set = (record, value) =>
                {
                    if (outer.Get(record) is not System.Collections.IEnumerable items)
                    {
                        return;
                    }

                    var list = items.Cast<object?>().ToList();
                    if (index < list.Count)
                    {
                        list[index] = value;
                        outer.Set(record, Collections.Build(outer.ValueType, element, list));
                    }
                };
            }

            return new MemberSlot(Member, element, Category, IsIdentity, r => outer.Get(r) is System.Collections.IEnumerable items ? items.Cast<object?>().ElementAtOrDefault(index) : null, set)
            {
                _path = Name + "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]",
                CategoryGuessed = CategoryGuessed,
                Occurrence = Occurrence,
            };
        }

        public Type ValueType { get; }

        /// <summary>The well-known category, an opaque user category, or null for data that does not identify.</summary>
        public string? Category { get; }

        public bool IsIdentity { get; }

        /// <summary>The category was guessed from the member's name (no attribute gave it).</summary>
        public bool CategoryGuessed { get; set; }

        /// <summary>A copy of this slot carrying <paramref name="category"/>, as the spec declared it.</summary>
        public MemberSlot WithCategory(string? category) => category == null
            ? new MemberSlot(Member, ValueType, Category, IsIdentity, _get, _set) { CategoryGuessed = CategoryGuessed, IsNested = IsNested, ElementType = ElementType, _path = _path, Wrapper = Wrapper }
            : new MemberSlot(Member, ValueType, category, identity: true, _get, _set) { ElementType = ElementType, _path = _path, Wrapper = Wrapper };

        /// <summary>0 for the first member of its category in the type, 1 for the second, … (a call's callee after its caller).</summary>
        public int Occurrence { get; set; }

        public bool CanSet => _set != null;

        /// <summary>For a value object (<c>record PhoneNumber(string Value)</c>), how to read its one value and build one; else null.</summary>
        public ValueObject? Wrapper { get; private set; }

        internal void MarkWrapper(ValueObject wrapper) => Wrapper = wrapper;

        /// <summary>The type of the value <see cref="Get"/> gives: the value object's inner value for a value object, else the member's type.</summary>
        public Type ScalarType => Wrapper?.Inner ?? ValueType;

        /// <summary>The member's value; a value object's inner value.</summary>
        public object? Get(object record)
        {
            object? value = _get(record);
            return Wrapper != null && value != null ? Wrapper.Unwrap(value) : value;
        }

        /// <summary>Sets the member; an inner value given for a value object is wrapped into one first.</summary>
        public void Set(object record, object? value)
        {
            if (_set == null)
            {
                throw new InvalidOperationException($"{Member.DeclaringType?.Name}.{Name} cannot be set.");
            }

            _set(record, Coerce(value));
        }

        /// <summary>The value as the member's type holds it: an inner value wrapped for a value object.</summary>
        public object? Coerce(object? value)
            => Wrapper != null && value != null && !ValueType.IsInstanceOfType(value) ? Wrapper.Wrap(value) : value;
    }

    /// <summary>
    /// How to read, build and copy a user's record type, derived once by reflection from its members and their
    /// <see cref="IdentityBearingAttribute"/> annotations.
    /// </summary>
    internal sealed class RecordShape
    {
        private static readonly ConcurrentDictionary<Type, RecordShape> Cache = new ConcurrentDictionary<Type, RecordShape>();

        private static readonly Func<object, object> Clone = (Func<object, object>)Delegate.CreateDelegate(
            typeof(Func<object, object>),
            typeof(object).GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic)!);

        private readonly ConstructorInfo? _ctor;
        private readonly int[] _ctorArgs;

        private RecordShape(Type type)
        {
            Type = type;
            bool typeIsIdentity = type.GetCustomAttribute<IdentityBearingAttribute>(inherit: true) != null;
            var slots = new List<MemberSlot>();
            const BindingFlags Flags = BindingFlags.Instance | BindingFlags.Public;
            foreach (MemberInfo m in type.GetMembers(Flags).OrderBy(m => m.MetadataToken))
            {
                Type valueType;
                Func<object, object?> get;
                Action<object, object?>? set;
                if (m is PropertyInfo p && p.GetIndexParameters().Length == 0 && p.GetMethod != null)
                {
                    if (p.Name == "EqualityContract")
                    {
                        continue;
                    }

                    valueType = p.PropertyType;
                    get = CompiledGetter(type, p);
                    if (p.SetMethod != null)
                    {
                        set = p.SetValue;
                    }
                    else
                    {
                        FieldInfo? backing = type.GetField($"<{p.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic);
                        set = backing == null ? null : backing.SetValue;
                    }
                }
                else if (m is FieldInfo f && !f.IsLiteral)
                {
                    valueType = f.FieldType;
                    get = f.GetValue;
                    set = f.SetValue;
                }
                else
                {
                    continue;
                }

                var bearing = m.GetCustomAttribute<IdentityBearingAttribute>(inherit: true);
                bool nonIdentifying = m.GetCustomAttribute<NonIdentifyingAttribute>(inherit: true) != null;
                bool valueTypeIdentity = valueType.GetCustomAttribute<IdentityBearingAttribute>(inherit: true) != null;
                bool identity = bearing != null || valueTypeIdentity || (typeIsIdentity && !nonIdentifying);
                Type? element = Collections.ElementOf(valueType);
                ValueObject? wrapper = element == null ? ValueObject.Of(valueType) : null;
                string? typeCategory = (Nullable.GetUnderlyingType(valueType) ?? valueType).GetCustomAttribute<IdentityBearingAttribute>(inherit: true)?.Category;
                bool nested = element == null && wrapper == null && bearing?.Category == null && IsNestedRecord(valueType);
                string? category = null;
                if (identity && !nested)
                {
                    category = bearing?.Category ?? typeCategory ?? CategoryInference.FromName(m.Name, element ?? wrapper?.Inner ?? valueType);
                }

                var slot = new MemberSlot(m, valueType, category, identity, get, set) { CategoryGuessed = identity && !nested && bearing?.Category == null && typeCategory == null };
                if (wrapper != null)
                {
                    slot.MarkWrapper(wrapper);
                }

                if (nested)
                {
                    slot.MarkNested();
                }
                else if (element != null)
                {
                    slot.MarkCollection(element);
                }

                slots.Add(slot);
            }

            NumberOccurrences(slots);
            Members = slots;

            // Prefer the constructor that takes the most members by name (positional records), else the parameterless one.
            _ctorArgs = Array.Empty<int>();
            foreach (ConstructorInfo c in type.GetConstructors().OrderByDescending(c => c.GetParameters().Length))
            {
                ParameterInfo[] ps = c.GetParameters();
                var map = new int[ps.Length];
                bool ok = true;
                for (int i = 0; i < ps.Length && ok; i++)
                {
                    map[i] = slots.FindIndex(s => string.Equals(s.Name, ps[i].Name, StringComparison.OrdinalIgnoreCase));
                    ok = map[i] >= 0 && ps[i].ParameterType.IsAssignableFrom(slots[map[i]].ValueType);
                }

                if (ok && !(ps.Length == 1 && ps[0].ParameterType == type))
                {
                    _ctor = c;
                    _ctorArgs = map;
                    break;
                }
            }

            if (_ctor == null && !type.IsValueType)
            {
                throw new InvalidOperationException(
                    $"{type.Name} has neither a parameterless constructor nor one whose parameters match its members by name; " +
                    "give the population a custom generator instead.");
            }
        }

        public Type Type { get; }

        /// <summary>
        /// Whether a member of type <paramref name="t"/> holds an object of the user's whose members carry identity (a
        /// <c>Subscriber</c> in a call record): not a scalar, a collection, a framework type or a type the categories build.
        /// </summary>
        private static bool IsNestedRecord(Type t)
        {
            t = Nullable.GetUnderlyingType(t) ?? t;
            if (Checks.ObjectGraph.IsScalar(t) || t == typeof(object) || t.IsInterface || t.IsAbstract || t.IsPointer || t.IsByRefLike
                || typeof(System.Collections.IEnumerable).IsAssignableFrom(t) || t == typeof(Generators.GeoPoint)
                || (t.Namespace != null && t.Namespace.StartsWith("System", StringComparison.Ordinal)))
            {
                return false;
            }

            return t.GetProperties(BindingFlags.Instance | BindingFlags.Public).Any(p => p.GetIndexParameters().Length == 0)
                || t.GetFields(BindingFlags.Instance | BindingFlags.Public).Length > 0;
        }

        /// <summary>A copy of an object (a nested one, before one of its members is replaced).</summary>
        public static object CloneOf(object value) => Clone(value);

        /// <summary>A compiled getter: reading members is on every record's path (survival, subjects, enumeration).</summary>
        private static Func<object, object?> CompiledGetter(Type type, PropertyInfo property)
        {
            try
            {
                var o = System.Linq.Expressions.Expression.Parameter(typeof(object), "o");
                var body = System.Linq.Expressions.Expression.Convert(
                    System.Linq.Expressions.Expression.Property(System.Linq.Expressions.Expression.Convert(o, type), property), typeof(object));
                return System.Linq.Expressions.Expression.Lambda<Func<object, object?>>(body, o).Compile();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
            {
                // By-ref-like or otherwise unusual properties: reflection still reads them.
                return property.GetValue;
            }
        }

        /// <summary>Sets each slot's <see cref="MemberSlot.Occurrence"/>: 0 for the first of its category, 1 for the next, …</summary>
        public static void NumberOccurrences(IEnumerable<MemberSlot> slots)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (MemberSlot s in slots)
            {
                // Nested objects count by type: the first Party of a call is its subject's, the next one a contact's.
                string? key = s.IsNested ? "nested:" + s.ValueType.FullName : s.Category;
                if (key != null)
                {
                    seen.TryGetValue(key, out int n);
                    s.Occurrence = n;
                    seen[key] = n + 1;
                }
            }
        }

        public IReadOnlyList<MemberSlot> Members { get; }

        public IEnumerable<MemberSlot> IdentityMembers => Members.Where(m => m.IsIdentity);

        public static RecordShape For(Type type) => Cache.GetOrAdd(type, t => new RecordShape(t));

        /// <summary>Builds a record from one value per member (in <see cref="Members"/> order).</summary>
        public object Create(object?[] values)
        {
            object record;
            var passed = new bool[values.Length];
            if (_ctor != null)
            {
                var args = new object?[_ctorArgs.Length];
                for (int i = 0; i < args.Length; i++)
                {
                    args[i] = Members[_ctorArgs[i]].Coerce(values[_ctorArgs[i]]);
                    passed[_ctorArgs[i]] = true;
                }

                for (int i = 0; i < args.Length; i++)
                {
                    EnsureHolds(Members[_ctorArgs[i]], args[i]);
                }

                record = _ctor.Invoke(args);
            }
            else
            {
                record = Activator.CreateInstance(Type)!;
            }

            for (int i = 0; i < values.Length; i++)
            {
                if (!passed[i] && Members[i].CanSet)
                {
                    EnsureHolds(Members[i], Members[i].Coerce(values[i]));
                    Members[i].Set(record, values[i]);
                }
            }

            return record;
        }

        /// <summary>A clear error, instead of reflection's, for a member whose type cannot hold the value made for its category.</summary>
        private void EnsureHolds(MemberSlot member, object? value)
        {
            if (value != null && !member.ValueType.IsInstanceOfType(value))
            {
                throw new InvalidOperationException(
                    $"{Type.Name}.{member.Name} is a {Checks.ObjectGraph.TypeName(member.ValueType)}, which cannot hold the {member.Category ?? "plain"} value a population makes " +
                    $"({Checks.ObjectGraph.TypeName(value.GetType())}); give its values with With(r => r.{member.Name}, ...) or the population a generator of your own.");
            }
        }

        /// <summary>A copy of <paramref name="record"/> with one member replaced, as an attacker would build a candidate.</summary>
        public object With(object record, MemberSlot member, object? value)
        {
            object copy = Clone(record);
            member.Set(copy, value);
            return copy;
        }
    }

    /// <summary>Guesses the category of an identity-bearing member declared without one, from its name.</summary>
    internal static class CategoryInference
    {
        private static readonly (string Fragment, string Category)[] Rules =
        {
            ("imei", IdentityCategory.Imei), ("imsi", IdentityCategory.Imsi), ("msisdn", IdentityCategory.Phone),
            ("phone", IdentityCategory.Phone), ("caller", IdentityCategory.Phone), ("callee", IdentityCategory.Phone),
            ("email", IdentityCategory.Email), ("mail", IdentityCategory.Email), ("mac", IdentityCategory.Mac),
            ("ipaddress", IdentityCategory.IpAddress), ("ip", IdentityCategory.IpAddress), ("sin", IdentityCategory.Sin),
            ("postal", IdentityCategory.PostalCode), ("zip", IdentityCategory.PostalCode),
            ("birth", IdentityCategory.DateOfBirth), ("dob", IdentityCategory.DateOfBirth),
            ("tower", IdentityCategory.CellTower), ("cell", IdentityCategory.CellTower),
            ("latitude", IdentityCategory.Geo), ("longitude", IdentityCategory.Geo), ("location", IdentityCategory.Geo), ("geo", IdentityCategory.Geo),
            ("timestamp", IdentityCategory.Timestamp), ("time", IdentityCategory.Timestamp), ("at", IdentityCategory.Timestamp),
            ("name", IdentityCategory.Name), ("address", IdentityCategory.Address), ("account", IdentityCategory.AccountId),
        };

        public static string? FromName(string name, Type type)
        {
            string n = name.ToLowerInvariant();
            foreach (var (fragment, category) in Rules)
            {
                bool matches;
                if (fragment.Length <= 3)
                {
                    // Short fragments only as the whole name or a camel-case suffix ("ClientIp", "StartedAt"), never inside a word.
                    string suffix = char.ToUpperInvariant(fragment[0]) + fragment.Substring(1);
                    matches = n == fragment || name.EndsWith(suffix, StringComparison.Ordinal) || name.EndsWith(fragment.ToUpperInvariant(), StringComparison.Ordinal);
                    if (fragment == "at")
                    {
                        matches &= type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(DateTime?) || type == typeof(DateTimeOffset?);
                    }
                }
                else
                {
                    matches = n.Contains(fragment);
                }

                if (matches)
                {
                    return category;
                }
            }

            return null;
        }
    }
}

namespace Minimization.Testing.Populations
{
    /// <summary>Collections of identifiers in a record (<c>List&lt;string&gt; Aliases</c>, <c>string[] Phones</c>): their element type, and building one.</summary>
    internal static class Collections
    {
        /// <summary>The element type of a collection of scalars a population can build, or null.</summary>
        public static Type? ElementOf(Type t)
        {
            if (t == typeof(string) || t == typeof(byte[]))
            {
                return null;
            }

            Type? element = t.IsArray ? t.GetElementType()
                : t.IsGenericType && t.GetGenericArguments().Length == 1 ? t.GetGenericArguments()[0] : null;
            if (element == null || !Checks.ObjectGraph.IsScalar(element) || !typeof(IEnumerable<>).MakeGenericType(element).IsAssignableFrom(t))
            {
                return null;
            }

            bool buildable = t.IsArray || t.IsAssignableFrom(typeof(List<>).MakeGenericType(element))
                || (!t.IsAbstract && !t.IsInterface && t.GetConstructor(Type.EmptyTypes) != null && typeof(ICollection<>).MakeGenericType(element).IsAssignableFrom(t));
            return buildable ? element : null;
        }

        /// <summary>A collection of type <paramref name="type"/> holding <paramref name="items"/>.</summary>
        public static object Build(Type type, Type element, IReadOnlyList<object?> items)
        {
            if (type.IsArray)
            {
                Array array = Array.CreateInstance(element, items.Count);
                for (int i = 0; i < items.Count; i++)
                {
                    array.SetValue(items[i], i);
                }

                return array;
            }

            Type concrete = type.IsAssignableFrom(typeof(List<>).MakeGenericType(element)) ? typeof(List<>).MakeGenericType(element) : type;
            object collection = Activator.CreateInstance(concrete)!;
            MethodInfo add = typeof(ICollection<>).MakeGenericType(element).GetMethod("Add")!;
            foreach (object? item in items)
            {
                add.Invoke(collection, new[] { item });
            }

            return collection;
        }
    }
}

namespace Minimization.Testing.Populations
{
    /// <summary>
    /// A value object around one identifier (<c>record PhoneNumber(string Value)</c>, <c>readonly record struct Email(string Address)</c>):
    /// a type with one public data member of a scalar type and a public constructor taking that value. The harness reads,
    /// generates and enumerates its inner value and wraps candidates back into the type.
    /// </summary>
    internal sealed class ValueObject
    {
        private readonly Func<object, object?> _unwrap;
        private readonly ConstructorInfo _ctor;

        private ValueObject(Type inner, Func<object, object?> unwrap, ConstructorInfo ctor)
        {
            Inner = inner;
            _unwrap = unwrap;
            _ctor = ctor;
        }

        public Type Inner { get; }

        public object? Unwrap(object value) => _unwrap(value);

        /// <summary>
        /// The value object holding <paramref name="inner"/>. A constructor that validates (a <c>PhoneNumber</c> that takes only
        /// E.164) may refuse the notation a population wrote: the value is then offered in its other usual forms (digits only,
        /// <c>+1</c> and the digits, lower-cased) before a clear error says which type refused which value.
        /// </summary>
        public object Wrap(object inner)
        {
            Exception? refusal = null;
            foreach (object candidate in Forms(inner))
            {
                try
                {
                    return _ctor.Invoke(new[] { candidate });
                }
                catch (TargetInvocationException e)
                {
                    refusal ??= e.InnerException ?? e;
                }
            }

            throw new InvalidOperationException(
                $"{_ctor.DeclaringType!.Name}'s constructor refused '{inner}' in every notation tried ({refusal!.GetType().Name}: {refusal.Message}); " +
                "give the member's values with With(...) or the population a generator of your own.", refusal);
        }

        private static IEnumerable<object> Forms(object inner)
        {
            yield return inner;
            if (inner is string s)
            {
                string digits = new string(s.Where(char.IsDigit).ToArray());
                if (digits.Length > 0)
                {
                    string e164 = "+" + (digits.Length == 10 ? "1" + digits : digits);
                    if (digits != s)
                    {
                        yield return digits;
                    }

                    if (e164 != s)
                    {
                        yield return e164;
                    }
                }

                if (s.ToLowerInvariant() != s)
                {
                    yield return s.ToLowerInvariant();
                }
            }
        }

        public static ValueObject? Of(Type type)
        {
            Type t = Nullable.GetUnderlyingType(type) ?? type;
            if (Checks.ObjectGraph.IsScalar(t) || t.IsInterface || t.IsAbstract || typeof(System.Collections.IEnumerable).IsAssignableFrom(t)
                || (t.Namespace != null && t.Namespace.StartsWith("System", StringComparison.Ordinal)))
            {
                return null;
            }

            const BindingFlags Flags = BindingFlags.Instance | BindingFlags.Public;
            PropertyInfo[] properties = t.GetProperties(Flags).Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod != null && p.Name != "EqualityContract").ToArray();
            FieldInfo[] fields = t.GetFields(Flags);
            if (properties.Length + fields.Length != 1)
            {
                return null;
            }

            Type inner = properties.Length == 1 ? properties[0].PropertyType : fields[0].FieldType;
            if (!Checks.ObjectGraph.IsScalar(inner))
            {
                return null;
            }

            ConstructorInfo? ctor = t.GetConstructor(new[] { inner });
            if (ctor == null)
            {
                return null;
            }

            Func<object, object?> unwrap = properties.Length == 1 ? properties[0].GetValue : fields[0].GetValue;
            return new ValueObject(inner, unwrap, ctor);
        }
    }
}
