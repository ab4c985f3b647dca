namespace Minimization.Testing.Checks
{
    /// <summary>
    /// Open-addressing counts of 64-bit class keys, with the first record of each class, one 16-byte slot per class so
    /// a probe touches one cache line. Coarse outputs keep the table small enough for the cache; near-unique outputs
    /// cost one probe per record instead of the dependent loads of a Dictionary entry.
    /// </summary>
    internal sealed class ClassTable
    {
        private struct Slot
        {
            public ulong Key;
            public int Size;
            public int First;
        }

        private Slot[] _slots;
        private int _mask;

        public ClassTable(int capacityHint)
        {
            int capacity = 1 << 12;
            while (capacity < capacityHint * 2 && capacity < (1 << 30))
            {
                capacity <<= 1;
            }

            _slots = new Slot[capacity];
            _mask = capacity - 1;
        }

        public int Count { get; private set; }

        public void Add(ulong key, int index)
        {
            // 0 marks an empty slot; a key of 0 (one chance in 2^64) joins key 1's class.
            if (key == 0)
            {
                key = 1;
            }

            Slot[] slots = _slots;
            int i = (int)key & _mask;
            while (true)
            {
                ref Slot s = ref slots[i];
                if (s.Key == key)
                {
                    s.Size++;
                    return;
                }

                if (s.Key == 0)
                {
                    s.Key = key;
                    s.Size = 1;
                    s.First = index;
                    if (++Count * 2 > slots.Length)
                    {
                        Grow();
                    }

                    return;
                }

                i = (i + 1) & _mask;
            }
        }

        private void Grow()
        {
            Slot[] old = _slots;
            _slots = new Slot[old.Length * 2];
            _mask = _slots.Length - 1;
            foreach (Slot s in old)
            {
                if (s.Key == 0)
                {
                    continue;
                }

                int i = (int)s.Key & _mask;
                while (_slots[i].Key != 0)
                {
                    i = (i + 1) & _mask;
                }

                _slots[i] = s;
            }
        }

        /// <summary>The classes' sizes and first records, compacted.</summary>
        public (int[] Sizes, int[] Firsts) ToArrays()
        {
            var sizes = new int[Count];
            var firsts = new int[Count];
            int w = 0;
            foreach (Slot s in _slots)
            {
                if (s.Key != 0)
                {
                    sizes[w] = s.Size;
                    firsts[w] = s.First;
                    w++;
                }
            }

            return (sizes, firsts);
        }
    }
}
