using System.Runtime.InteropServices;

namespace Tessera.Distributed.Hosting;

/// <summary>SIGTERM (scancel, walltime, <c>kill</c>) as a callback, so workers can retire instead of dying.</summary>
internal static class PosixSignals
{
    public static IDisposable OnTerminate(Action action)
    {
        var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            action();
        });
        return term;
    }
}
