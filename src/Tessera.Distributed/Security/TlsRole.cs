namespace Tessera.Distributed;

/// <summary>Which certificate of a <see cref="Security"/> a process presents.</summary>
internal enum TlsRole
{
    /// <summary>A client: <see cref="Security.TlsClientCert"/>.</summary>
    Client = 0,

    /// <summary>The scheduler: <see cref="Security.TlsSchedulerCert"/>.</summary>
    Scheduler = 1,

    /// <summary>A worker: <see cref="Security.TlsWorkerCert"/>.</summary>
    Worker = 2,
}
