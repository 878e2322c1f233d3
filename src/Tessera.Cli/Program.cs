using System.CommandLine;
using Tessera.Cli.Demos;

var root = new RootCommand("tessera: parallel and distributed computing for .NET (lazy task graphs, chunked arrays).");
root.Subcommands.Add(DemoCommand.Create());
return await root.Parse(args).InvokeAsync();
