using Tessera.Arrays.Randomness;
using Tessera.Scheduling;

namespace Tessera.Arrays.Tests.Randomness;

public class RandomGeneratorTests
{
    [Fact]
    public void Philox_matches_the_Random123_known_answers()
    {
        Assert.Equal((0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u), Philox.Block(0, 0, 0, 0, 0, 0));
        Assert.Equal((0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu), Philox.Block(uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue));
        Assert.Equal((0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u), Philox.Block(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0));
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("uniform")]
    [InlineData("integers")]
    [InlineData("poisson")]
    [InlineData("exponential")]
    [InlineData("binomial")]
    public void Values_depend_on_the_seed_and_the_index_only(string kind)
    {
        long[] shape = [37, 23];
        var chunkings = new[]
        {
            ChunkSpec.BlockShape(37, 23),
            ChunkSpec.BlockShape(5, 4),
            ChunkSpec.PerAxis([1, 36], [1, 1, 21]),
            ChunkSpec.BlockShape(1, 1),
        };
        double[]? first = null;
        foreach (var scheduler in new IScheduler[] { new SynchronousScheduler(), new ThreadedScheduler(3) })
        {
            using var scope = Scheduler.Use(scheduler);
            foreach (var chunks in chunkings)
            {
                var values = Draw(DArray.Random(1234), kind, shape, chunks);
                first ??= values;
                Assert.Equal(first, values);
            }
        }

        Assert.NotEqual(first, Draw(DArray.Random(1235), kind, shape, ChunkSpec.BlockShape(5, 4)));
        var generator = DArray.Random(1234);
        var again = Draw(generator, kind, shape, ChunkSpec.BlockShape(6, 6));
        Assert.Equal(first, again);
        Assert.NotEqual(first, Draw(generator, kind, shape, ChunkSpec.BlockShape(6, 6)));
    }

    [Fact]
    public void The_distributions_have_their_moments()
    {
        using var scope = Scheduler.Use(new ThreadedScheduler(2));
        var rng = DArray.Random(99);
        long[] shape = [400, 500];
        const double n = 200_000;
        var normal = rng.Normal(3, 2, shape, 128);
        Assert.InRange(normal.Mean().Compute().ToScalar(), 3 - (5 * 2 / System.Math.Sqrt(n)), 3 + (5 * 2 / System.Math.Sqrt(n)));
        Assert.InRange(normal.Std().Compute().ToScalar(), 1.98, 2.02);
        var uniform = rng.Random(shape, 128);
        Assert.InRange(uniform.Min().Compute().ToScalar(), 0, 1e-3);
        Assert.InRange(uniform.Max().Compute().ToScalar(), 1 - 1e-3, 1 - 1e-17);
        Assert.InRange(uniform.Mean().Compute().ToScalar(), 0.497, 0.503);
        var dice = rng.Integers(1, 7, shape, 128);
        Assert.Equal(1L, dice.Min().Compute().ToScalar());
        Assert.Equal(6L, dice.Max().Compute().ToScalar());
        Assert.InRange((dice.Equal(6)).Mean().Compute().ToScalar(), (1.0 / 6) - 0.005, (1.0 / 6) + 0.005);
        Assert.InRange(rng.Exponential(2, shape, 128).Mean().Compute().ToScalar(), 1.98, 2.02);
        foreach (double lam in new[] { 0.5, 4.0, 30.0, 1000.0 })
        {
            var counts = rng.Poisson(lam, shape, 128);
            double tolerance = 5 * System.Math.Sqrt(lam / n);
            Assert.InRange(counts.Mean().Compute().ToScalar(), lam - tolerance, lam + tolerance);
            Assert.InRange(counts.Var().Compute().ToScalar() / lam, 0.97, 1.03);
        }

        var successes = rng.Binomial(20, 0.3, shape, 128);
        Assert.InRange(successes.Mean().Compute().ToScalar(), 5.97, 6.03);
        Assert.InRange(successes.Var().Compute().ToScalar(), 4.2 * 0.97, 4.2 * 1.03);
    }

    private static double[] Draw(RandomGenerator rng, string kind, long[] shape, ChunkSpec chunks) => kind switch
    {
        "normal" => rng.Normal(0, 1, shape, chunks).Compute().ToArray(),
        "uniform" => rng.Uniform(-2, 5, shape, chunks).Compute().ToArray(),
        "integers" => [.. rng.Integers(-100, 1000, shape, chunks).Compute().ToArray().Select(v => (double)v)],
        "poisson" => [.. rng.Poisson(12.5, shape, chunks).Compute().ToArray().Select(v => (double)v)],
        "binomial" => [.. rng.Binomial(40, 0.7, shape, chunks).Compute().ToArray().Select(v => (double)v)],
        _ => rng.Exponential(1.5, shape, chunks).Compute().ToArray(),
    };
}
