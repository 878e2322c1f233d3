using System.Collections.Concurrent;
using Tessera.Scheduling;

namespace Tessera.Arrays.Tests.DArrays;

/// <summary>The region source under every reader: block tasks read their own region, and selections narrow it.</summary>
public sealed class RegionSourceTests
{
    [Fact]
    public void RowZeroReadsOnlyRowZeroOfTheBlocksItCrosses()
    {
        var reads = new ConcurrentBag<string>();
        var x = DArray.FromRegions<long>(
            (offset, shape) =>
            {
                reads.Add($"{string.Join(",", offset)}|{string.Join(",", shape)}");
                var region = NDArray.Empty<long>(shape);
                for (long i = 0; i < shape[0]; i++)
                {
                    for (long j = 0; j < shape[1]; j++)
                    {
                        region[i, j] = ((offset[0] + i) * 1000) + offset[1] + j;
                    }
                }

                return region;
            },
            [40, 30],
            ChunkSpec.BlockShape(10, 10),
            "from-test");
        using (Scheduler.Use(new SynchronousScheduler()))
        {
            using var row = x[0, ..].Compute();
            Assert.Equal(Enumerable.Range(0, 30).Select(j => (long)j), row.ToArray());
            Assert.Equal(["0,0|1,10", "0,10|1,10", "0,20|1,10"], reads.Order());

            reads.Clear();
            using var strided = x[SliceSpec.Range(5, 35, 10), 3].Compute();
            Assert.Equal([5003L, 15003, 25003], strided.ToArray());
            Assert.Equal(["15,3|1,1", "25,3|1,1", "5,3|1,1"], reads.Order());

            reads.Clear();
            using var whole = (x * 2)[12..14, 8..12].Compute();
            Assert.Equal([24016L, 24018, 24020, 24022, 26016, 26018, 26020, 26022], whole.ToArray());
            Assert.Equal(["12,10|2,2", "12,8|2,2"], reads.Order());
        }
    }
}
