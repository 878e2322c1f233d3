namespace Tessera.Scheduling;

/// <summary>A binary min-heap of task indices ordered by a fixed priority array. Not thread-safe.</summary>
internal sealed class IntHeap(int[] priority, int capacity)
{
    private int[] _items = new int[Math.Max(4, capacity)];

    public int Count { get; private set; }

    public void Push(int item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        int i = Count++;
        int p = priority[item];
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            int pi = _items[parent];
            if (priority[pi] <= p)
            {
                break;
            }

            _items[i] = pi;
            i = parent;
        }

        _items[i] = item;
    }

    public int Pop()
    {
        int top = _items[0];
        int last = _items[--Count];
        int n = Count;
        int i = 0;
        int p = priority[last];
        while (true)
        {
            int c = (2 * i) + 1;
            if (c >= n)
            {
                break;
            }

            if (c + 1 < n && priority[_items[c + 1]] < priority[_items[c]])
            {
                c++;
            }

            if (priority[_items[c]] >= p)
            {
                break;
            }

            _items[i] = _items[c];
            i = c;
        }

        if (n > 0)
        {
            _items[i] = last;
        }

        return top;
    }
}
