using Tessera.Cli;

return await CliApp.Create().Parse(args).InvokeAsync();
