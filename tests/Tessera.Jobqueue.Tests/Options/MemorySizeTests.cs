namespace Tessera.Jobqueue.Tests.Options;

public class MemorySizeTests
{
    [Theory]
    [InlineData("16GB", 16_000_000_000L)]
    [InlineData("16 GB", 16_000_000_000L)]
    [InlineData("16gb", 16_000_000_000L)]
    [InlineData("16G", 16_000_000_000L)]
    [InlineData("16GiB", 17_179_869_184L)]
    [InlineData("16Gi", 17_179_869_184L)]
    [InlineData("1.5GB", 1_500_000_000L)]
    [InlineData("512MiB", 536_870_912L)]
    [InlineData("2kB", 2000L)]
    [InlineData("2KiB", 2048L)]
    [InlineData("1TB", 1_000_000_000_000L)]
    [InlineData("100", 100L)]
    [InlineData("100B", 100L)]
    public void Parse_ReadsDecimalAndBinaryUnitsLikeDask(string text, long bytes)
    {
        Assert.Equal(bytes, MemorySize.Parse(text).Bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GB")]
    [InlineData("-1GB")]
    [InlineData("0GB")]
    [InlineData("16 gigs")]
    [InlineData("1XB")]
    [InlineData("1.2.3GB")]
    public void Parse_RefusesWithTheValueAndTheAcceptedForms(string text)
    {
        var error = Assert.Throws<FormatException>(() => MemorySize.Parse(text));
        Assert.Contains($"\"{text}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("GiB", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8_000_000_000L, "8GB")]
    [InlineData(2_147_483_648L, "2GiB")]
    [InlineData(5_333_333_333L, "5333333333")]
    [InlineData(1536L * 1024 * 1024, "1536MiB")]
    [InlineData(999L, "999")]
    public void ToString_WritesExactlyAndReadsBack(long bytes, string text)
    {
        Assert.Equal(text, new MemorySize(bytes).ToString());
        Assert.Equal(bytes, MemorySize.Parse(text).Bytes);
    }

    [Fact]
    public void Divide_GivesEachWorkerItsShare()
    {
        Assert.Equal("8GB", MemorySize.Parse("16GB").Divide(2).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => MemorySize.Parse("16GB").Divide(0));
    }
}
