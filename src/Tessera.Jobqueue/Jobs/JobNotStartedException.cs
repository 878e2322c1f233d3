namespace Tessera.Jobqueue;

/// <summary>A job stayed pending past its timeout, or ended before it ran; names the job and its logs.</summary>
public sealed class JobNotStartedException : Exception
{
    /// <summary>Creates the exception for a job.</summary>
    /// <param name="job">The job.</param>
    /// <param name="reason">What happened, e.g. "is still PENDING after 600 s".</param>
    public JobNotStartedException(JobHandle job, string reason)
        : base($"Job {job?.JobId} {reason}; logs: {job?.OutputLog ?? "(batch system's default)"}, {job?.ErrorLog ?? "(batch system's default)"}.")
    {
        Job = job;
    }

    /// <summary>Creates the exception with a message.</summary>
    public JobNotStartedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public JobNotStartedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public JobNotStartedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The job, with its id and log files.</summary>
    public JobHandle? Job { get; }
}
