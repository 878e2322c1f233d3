namespace Tessera.Distributed.Hardening;

/// <summary>Bounds on the fields of control-plane messages; anything beyond is a protocol violation.</summary>
internal static class WireLimits
{
    /// <summary>Most threads a worker may advertise (65,536: far above any machine, far below an overflow).</summary>
    public const int MaxThreads = 1 << 16;

    /// <summary>Longest worker or client name, task key, address or type name (4,096 characters).</summary>
    public const int MaxName = 4096;

    /// <summary>Longest free text (reason, error message, remote stack trace): 1 MiB of characters.</summary>
    public const int MaxText = 1 << 20;

    /// <summary>Most keys, tasks or entries in one message (4 Mi).</summary>
    public const int MaxCount = 4 << 20;

    /// <summary>Most priority components of a task.</summary>
    public const int MaxPriority = 64;

    /// <summary>Largest value sent inline with a finished task (16 MiB; workers send at most 64 KiB).</summary>
    public const int MaxSmallValue = 16 << 20;

    /// <summary>Characters of a content hash: lowercase hex SHA-256.</summary>
    public const int HashLength = 64;
}
