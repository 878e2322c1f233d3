namespace Tessera.Arrays.Tests.Repr;

public class ByteFormatTests
{
    // Expected values produced by dask.utils.format_bytes (Dask 2022.12).
    [Theory]
    [InlineData(0L, "0 B")]
    [InlineData(1L, "1 B")]
    [InlineData(8L, "8 B")]
    [InlineData(921L, "921 B")]
    [InlineData(922L, "0.90 kiB")]
    [InlineData(1000L, "0.98 kiB")]
    [InlineData(1023L, "1.00 kiB")]
    [InlineData(1024L, "1.00 kiB")]
    [InlineData(1152L, "1.12 kiB")]
    [InlineData(1234L, "1.21 kiB")]
    [InlineData(1280L, "1.25 kiB")]
    [InlineData(12345678L, "11.77 MiB")]
    [InlineData(134217728L, "128.00 MiB")]
    [InlineData(943718L, "921.60 kiB")]
    [InlineData(943719L, "0.90 MiB")]
    [InlineData(1234567890L, "1.15 GiB")]
    [InlineData(2147483648L, "2.00 GiB")]
    [InlineData(21474836480L, "20.00 GiB")]
    [InlineData(1234567890000L, "1.12 TiB")]
    [InlineData(1234567890000000L, "1.10 PiB")]
    [InlineData(1152921504606846976L, "1024.00 PiB")]
    [InlineData(9223372036854775807L, "8192.00 PiB")]
    [InlineData(-5L, "-5 B")]
    [InlineData(5248000L, "5.00 MiB")]
    public void Matches_dask_format_bytes(long bytes, string expected) =>
        Assert.Equal(expected, ByteFormat.FormatBytes(bytes));
}
