using Microsoft.Extensions.Configuration;

namespace Tessera.Jobqueue;

/// <summary>
/// Defaults for the options from configuration, as jobqueue.yaml gives them to dask-jobqueue:
/// a JSON file section <c>{"jobqueue": {"slurm": {"queue": "cpu19_rh8", "cores": 2}}}</c>, then
/// environment variables such as <c>TESSERA_JOBQUEUE__SLURM__QUEUE</c> (later sources win; property
/// names are matched without regard to case). Values given in code (<c>with { … }</c>) win over both.
/// </summary>
public static class JobQueueConfiguration
{
    /// <summary>Prefix of the environment variables read.</summary>
    public const string EnvironmentPrefix = "TESSERA_";

    /// <summary>Environment variable naming the config file.</summary>
    public const string ConfigFileVariable = "TESSERA_CONFIG";

    /// <summary>The config file read when none is named: <c>$TESSERA_CONFIG</c>, else <c>~/.config/tessera/tessera.json</c> (it may be absent).</summary>
    public static string DefaultConfigFile =>
        Environment.GetEnvironmentVariable(ConfigFileVariable) is { Length: > 0 } named
            ? named
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "tessera", "tessera.json");

    /// <summary>Builds the configuration: the JSON file (if it exists), then <c>TESSERA_</c> environment variables.</summary>
    /// <param name="configFile">The JSON file; default <see cref="DefaultConfigFile"/>.</param>
    /// <returns>The configuration.</returns>
    public static IConfiguration Build(string? configFile = null)
    {
        string file = Path.GetFullPath(configFile ?? DefaultConfigFile);
        return new ConfigurationBuilder()
            .AddJsonFile(file, optional: configFile is null, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .Build();
    }

    /// <summary>Options with their defaults overridden by the <c>jobqueue:BACKEND</c> section.</summary>
    /// <typeparam name="TOptions">The options type, e.g. <see cref="SlurmClusterOptions"/>.</typeparam>
    /// <param name="configuration">The configuration, e.g. from <see cref="Build"/>.</param>
    /// <returns>The options.</returns>
    /// <exception cref="InvalidOperationException">A configured value is malformed (the message names it).</exception>
    public static TOptions Load<TOptions>(IConfiguration configuration)
        where TOptions : JobQueueClusterOptions, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new TOptions();
        var section = configuration.GetSection($"jobqueue:{options.Backend.Name}");
        try
        {
            section.Bind(options);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Reflection.TargetInvocationException)
        {
            var cause = e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e.InnerException ?? e;
            throw new InvalidOperationException($"Configuration section {section.Path} is not valid: {cause.Message}", e);
        }
        return options;
    }

    /// <summary>Options with defaults from the default config file and the environment.</summary>
    /// <typeparam name="TOptions">The options type, e.g. <see cref="SlurmClusterOptions"/>.</typeparam>
    /// <returns>The options.</returns>
    public static TOptions Load<TOptions>()
        where TOptions : JobQueueClusterOptions, new() => Load<TOptions>(Build());
}
