namespace Tessera.Distributed.State;

/// <summary>Lexicographic order of task priorities (smaller runs first), ties broken by key.</summary>
internal sealed class PriorityComparer : IComparer<SchedulerTask>
{
    public static PriorityComparer Instance { get; } = new();

    public static int Compare(long[] a, long[] b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            int c = a[i].CompareTo(b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    public int Compare(SchedulerTask? x, SchedulerTask? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        int c = Compare(x.Priority, y.Priority);
        return c != 0 ? c : string.CompareOrdinal(x.Key, y.Key);
    }
}
