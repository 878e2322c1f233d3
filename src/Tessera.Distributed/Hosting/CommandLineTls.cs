using System.CommandLine;

namespace Tessera.Distributed.Hosting;

/// <summary>The TLS flags shared by <c>tessera scheduler</c> and <c>tessera worker</c> (<see cref="Security.WorkerArguments"/> renders them).</summary>
internal sealed class CommandLineTls
{
    public Option<string?> CaFile { get; } = new("--tls-ca-file") { Description = "PEM file of the certificate authority every peer's certificate must chain to (mutual TLS)." };

    public Option<string?> Cert { get; } = new("--tls-cert") { Description = "PEM file of this process's certificate, signed by the authority." };

    public Option<string?> Key { get; } = new("--tls-key") { Description = "PEM file of this process's private key." };

    public Option<string?> SchedulerFile { get; } = new("--scheduler-file") { Description = "JSON file with the scheduler's address (and its temporary credentials), owner-only (as Dask's)." };

    /// <summary>Adds the flags to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(CaFile);
        command.Options.Add(Cert);
        command.Options.Add(Key);
        command.Options.Add(SchedulerFile);
    }

    /// <summary>The credentials given by the three flags, or null when none is given.</summary>
    /// <exception cref="ArgumentException">Some but not all of the three are given.</exception>
    public Security? Read(ParseResult parse)
    {
        string? ca = parse.GetValue(CaFile);
        string? cert = parse.GetValue(Cert);
        string? key = parse.GetValue(Key);
        if (ca is null && cert is null && key is null)
        {
            return null;
        }

        if (ca is null || cert is null || key is null)
        {
            throw new ArgumentException("--tls-ca-file, --tls-cert and --tls-key go together: give all three (PEM files), or none.");
        }

        return Security.FromFiles(ca, cert, key);
    }
}
