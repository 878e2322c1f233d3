namespace Tessera.Jobqueue.Tests.Backends;

public sealed class LeavingAfterTests
{
    [Theory]
    [InlineData("01:00:00", null, 3000)] // lifetime 55 min, lead = margin 5 min
    [InlineData("00:01:00", null, 30)] // lifetime 45 s, lead = margin 15 s (a quarter of the walltime)
    [InlineData("01:00:00", 600, 2700)] // lead 10 min
    [InlineData("01:00:00", 3600, 1650)] // lead capped at half the lifetime
    [InlineData("01:00:00", 0, 3300)] // replaced when the lifetime ends
    public void AJobIsLeaving_TheLeadBeforeItsWorkersLifetimeEnds(string walltime, int? leadSeconds, int expectedSeconds)
    {
        var options = new SlurmClusterOptions { Walltime = walltime, ReplacementLead = leadSeconds is int s ? TimeSpan.FromSeconds(s) : null };
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), WorkerCommandLine.LeavingAfter(options));
    }

    [Fact]
    public void WithoutAWalltime_NoJobIsLeaving_AndANegativeLeadIsRefused()
    {
        Assert.Null(WorkerCommandLine.LeavingAfter(new SlurmClusterOptions { Walltime = null }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlurmClusterOptions { ReplacementLead = TimeSpan.FromSeconds(-1) });
    }
}
