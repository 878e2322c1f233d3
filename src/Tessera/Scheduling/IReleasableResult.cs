namespace Tessera.Scheduling;

/// <summary>
/// A task result that holds pooled memory. A scheduler calls <see cref="ReleaseResult"/> once the
/// result's last dependent has run and the result is not one of the requested outputs, so the
/// memory can go back to its pool at once instead of waiting for the garbage collector.
/// </summary>
public interface IReleasableResult
{
    /// <summary>Gives this result's hold on its memory back. Calling it twice has no further effect.</summary>
    void ReleaseResult();
}
