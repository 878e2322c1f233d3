namespace Tessera.Arrays;

/// <summary>Axis arguments checked and resolved (negative axes count from the end).</summary>
internal static class Axes
{
    public static int Resolve(int axis, int ndim, string operation)
    {
        if (axis < -ndim || axis >= ndim)
        {
            throw new ArgumentOutOfRangeException(
                nameof(axis), axis, $"{operation}: axis {axis} is out of range for an array of {ndim} axes; expected -{ndim} <= axis < {ndim}.");
        }

        return axis < 0 ? axis + ndim : axis;
    }

    public static int[] ResolveMany(IEnumerable<int>? axes, int ndim, string operation)
    {
        if (axes is null)
        {
            return [.. Enumerable.Range(0, ndim)];
        }

        var resolved = axes.Select(a => Resolve(a, ndim, operation)).Distinct().Order().ToArray();
        return resolved;
    }
}
