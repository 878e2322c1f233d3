using System.CommandLine;
using System.Net;
using Tessera.Distributed.Hosting;
using Tessera.Jobqueue;

namespace Tessera.Cli.JobScript;

/// <summary>
/// <c>tessera job-script slurm|pbs|sge [options]</c>: prints the job script a cluster would submit,
/// one option per options property; defaults come from the config file and <c>TESSERA_</c> variables.
/// </summary>
internal static class JobScriptCommand
{
    /// <summary>Port the scheduler listens on when no <c>--scheduler-address</c> is given.</summary>
    public const int DefaultSchedulerPort = 8786;

    public static Command Create()
    {
        var command = new Command("job-script", "Print the batch job script that starts workers, exactly as it would be submitted.");
        var common = new CommonJobScriptOptions();
        var slurmJobCpu = new Option<int?>("--job-cpu") { Description = "CPUs asked with --cpus-per-task (default: --cores)." };
        var slurmJobMem = new Option<string?>("--job-mem") { Description = "Memory asked with --mem (default: --memory)." };
        var memPerCpu = new Option<bool>("--mem-per-cpu") { Description = "Ask memory with --mem-per-cpu (memory / CPUs) instead of --mem." };
        var slurm = new Command("slurm", "A SLURM (sbatch) job script.") { slurmJobCpu, slurmJobMem, memPerCpu };
        common.AddTo(slurm);
        slurm.SetAction(parse => Print(parse, common, options =>
        {
            var o = (SlurmClusterOptions)options;
            return o with
            {
                JobCpu = parse.GetValue(slurmJobCpu) ?? o.JobCpu,
                JobMem = parse.GetValue(slurmJobMem) ?? o.JobMem,
                MemoryDirective = parse.GetValue(memPerCpu) ? SlurmMemoryDirective.MemPerCpu : o.MemoryDirective,
            };
        }, JobQueueConfiguration.Load<SlurmClusterOptions>));

        var pbsJobCpu = new Option<int?>("--job-cpu") { Description = "CPUs asked in -l select (default: --cores)." };
        var pbsJobMem = new Option<string?>("--job-mem") { Description = "Memory asked in -l select (default: --memory)." };
        var pbsResourceSpec = new Option<string?>("--resource-spec") { Description = "The whole -l resource request, replacing select=1:ncpus=N:mem=M." };
        var pbs = new Command("pbs", "A PBS (qsub) job script.") { pbsJobCpu, pbsJobMem, pbsResourceSpec };
        common.AddTo(pbs);
        pbs.SetAction(parse => Print(parse, common, options =>
        {
            var o = (PbsClusterOptions)options;
            return o with
            {
                JobCpu = parse.GetValue(pbsJobCpu) ?? o.JobCpu,
                JobMem = parse.GetValue(pbsJobMem) ?? o.JobMem,
                ResourceSpec = parse.GetValue(pbsResourceSpec) ?? o.ResourceSpec,
            };
        }, JobQueueConfiguration.Load<PbsClusterOptions>));

        var parallelEnvironment = new Option<string?>("--parallel-environment") { Description = "Parallel environment for the cores (-pe NAME CORES), e.g. smp." };
        var sgeResourceSpec = new Option<string?>("--resource-spec") { Description = "Resource request rendered -l SPEC, e.g. h_vmem=16G." };
        var sge = new Command("sge", "An SGE (qsub) job script.") { parallelEnvironment, sgeResourceSpec };
        common.AddTo(sge);
        sge.SetAction(parse => Print(parse, common, options =>
        {
            var o = (SgeClusterOptions)options;
            return o with
            {
                ParallelEnvironment = parse.GetValue(parallelEnvironment) ?? o.ParallelEnvironment,
                ResourceSpec = parse.GetValue(sgeResourceSpec) ?? o.ResourceSpec,
            };
        }, JobQueueConfiguration.Load<SgeClusterOptions>));

        command.Subcommands.Add(slurm);
        command.Subcommands.Add(pbs);
        command.Subcommands.Add(sge);
        return command;
    }

    private static int Print(
        ParseResult parse,
        CommonJobScriptOptions common,
        Func<JobQueueClusterOptions, JobQueueClusterOptions> backendSpecific,
        Func<Microsoft.Extensions.Configuration.IConfiguration, JobQueueClusterOptions> load)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        try
        {
            var defaults = load(JobQueueConfiguration.Build(parse.GetValue(common.Config)));
            var options = backendSpecific(common.Apply(defaults, parse));
            string scheduler = parse.GetValue(common.SchedulerAddress) ?? DefaultSchedulerAddress(options.Interface);
            output.Write(options.Backend.JobScript(options, scheduler, parse.GetValue(common.JobIndex)));
            return 0;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException or FileNotFoundException)
        {
            error.WriteLine($"tessera job-script: {e.Message}");
            return 2;
        }
    }

    private static string DefaultSchedulerAddress(string? networkInterface)
    {
        string host = networkInterface is null ? Dns.GetHostName() : HostAddresses.ResolveIPv4(networkInterface).ToString();
        return $"tcp://{host}:{DefaultSchedulerPort}";
    }
}
