using System.CommandLine;

namespace Tessera.Cli.Demos;

/// <summary>The <c>tessera demo</c> command and its demos.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var size = new Option<long>("--size") { Description = "Side of each facet image, in elements.", DefaultValueFactory = _ => 16384 };
        var facets = new Option<int>("--facets") { Description = "Number of facets stacked.", DefaultValueFactory = _ => 10 };
        var chunk = new Option<long>("--chunk") { Description = "Side of the rechunked blocks, in elements.", DefaultValueFactory = _ => 4096 };
        var threads = new Option<int>("--threads") { Description = "Threads of the in-process scheduler (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var full = new Option<bool>("--full") { Description = "Also compute the full 2-D sum, not only row 0." };
        var facetsCommand = new Command("facets", "The reference job: facets of a terrain model stacked, rechunked, summed; row 0 comes back.")
        {
            size, facets, chunk, threads, full,
        };
        facetsCommand.SetAction((parse, cancellation) => FacetsDemo.RunAsync(
            new FacetsDemoOptions(parse.GetValue(size), parse.GetValue(facets), parse.GetValue(chunk), parse.GetValue(threads), parse.GetValue(full)),
            Console.Out,
            cancellation));
        return new Command("demo", "Runnable demonstrations of Tessera.") { facetsCommand };
    }
}
