using System.Numerics;
using System.Runtime.CompilerServices;

namespace Netguard.Core.Reachability;

/// <summary>A set of pods by index, as a bitset: selector results are combined word by word.</summary>
internal sealed class PodSet
{
    private readonly ulong[] _words;

    public PodSet(int capacity)
    {
        Capacity = capacity;
        _words = new ulong[(capacity + 63) >> 6];
    }

    private PodSet(int capacity, ulong[] words)
    {
        Capacity = capacity;
        _words = words;
    }

    public int Capacity { get; }

    public static PodSet All(int capacity)
    {
        var set = new PodSet(capacity);
        Array.Fill(set._words, ulong.MaxValue);
        set.TrimTail();
        return set;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(int index) => (_words[index >> 6] & (1UL << index)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int index) => _words[index >> 6] |= 1UL << index;

    public bool IsEmpty
    {
        get
        {
            foreach (var w in _words)
            {
                if (w != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public int Count
    {
        get
        {
            var n = 0;
            foreach (var w in _words)
            {
                n += BitOperations.PopCount(w);
            }

            return n;
        }
    }

    public PodSet Clone() => new(Capacity, (ulong[])_words.Clone());

    public PodSet UnionWith(PodSet other)
    {
        for (var i = 0; i < _words.Length; i++)
        {
            _words[i] |= other._words[i];
        }

        return this;
    }

    public PodSet IntersectWith(PodSet other)
    {
        for (var i = 0; i < _words.Length; i++)
        {
            _words[i] &= other._words[i];
        }

        return this;
    }

    public PodSet ExceptWith(PodSet other)
    {
        for (var i = 0; i < _words.Length; i++)
        {
            _words[i] &= ~other._words[i];
        }

        return this;
    }

    /// <summary>this |= (a &amp; b), without a temporary set.</summary>
    public void UnionWithIntersection(PodSet a, PodSet b)
    {
        for (var i = 0; i < _words.Length; i++)
        {
            _words[i] |= a._words[i] & b._words[i];
        }
    }

    public IEnumerable<int> Indices()
    {
        for (var i = 0; i < _words.Length; i++)
        {
            var w = _words[i];
            while (w != 0)
            {
                var bit = BitOperations.TrailingZeroCount(w);
                yield return (i << 6) + bit;
                w &= w - 1;
            }
        }
    }

    private void TrimTail()
    {
        var extra = (_words.Length << 6) - Capacity;
        if (extra > 0)
        {
            _words[^1] &= ulong.MaxValue >> extra;
        }
    }
}
