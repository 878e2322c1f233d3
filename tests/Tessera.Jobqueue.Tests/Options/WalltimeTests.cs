namespace Tessera.Jobqueue.Tests.Options;

public class WalltimeTests
{
    [Theory]
    [InlineData("01:00:00", 3600)]
    [InlineData("30", 1800)]
    [InlineData("30:15", 1815)]
    [InlineData("100:00:00", 360000)]
    [InlineData("2-00:00:00", 172800)]
    [InlineData("1-12", 129600)]
    [InlineData("1-12:30", 131400)]
    public void Parse_ReadsSlurmsForms(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Walltime.Parse(text));
    }

    [Theory]
    [InlineData("1h")]
    [InlineData("")]
    [InlineData("00:00:00")]
    [InlineData("01:75:00")]
    [InlineData("1:2:3:4")]
    [InlineData("-01:00:00")]
    public void Parse_RefusesWithTheValueAndTheAcceptedForms(string text)
    {
        var error = Assert.Throws<FormatException>(() => Walltime.Parse(text));
        Assert.Contains($"\"{text}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("HH:MM:SS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_WritesSlurmsAndHoursForms()
    {
        Assert.Equal("01:00:00", Walltime.FormatSlurm(TimeSpan.FromHours(1)));
        Assert.Equal("1-02:03:04", Walltime.FormatSlurm(new TimeSpan(1, 2, 3, 4)));
        Assert.Equal("26:03:04", Walltime.FormatHours(new TimeSpan(1, 2, 3, 4)));
    }
}
