using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace FactCheck.Web.Hosting;

public static class LoggingExtensions
{
    /// <summary>
    /// Serilog to the console (structured: properties shown as JSON) and, when Logging:File:Path is set,
    /// to a compact JSON file that a log shipper can read line by line. A command whose standard output is
    /// data (<paramref name="outputIsData"/>) logs to standard error instead, so a pipeline reads only the data.
    /// </summary>
    public static WebApplicationBuilder AddFactCheckLogging(this WebApplicationBuilder builder, bool outputIsData = false)
    {
        var filePath = builder.Configuration["Logging:File:Path"];
        var pauseAfter = builder.Configuration["Testing:PauseAfterLog"];
        // preserveStaticLogger: each host writes through its own logger. Without it the host's logger factory writes
        // to the static Log.Logger, which the last host built replaces and a disposed host silences: with several
        // hosts in one process (the tests run many at once) one host's lines went to another's sinks, or nowhere.
        builder.Services.AddSerilog(Configure, preserveStaticLogger: true);
        CachingLoggerFactory.Decorate(builder.Services);
        return builder;

        void Configure(IServiceProvider services, LoggerConfiguration logger)
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}",
                    standardErrorFromLevel: outputIsData ? LogEventLevel.Verbose : null);
            if (!string.IsNullOrWhiteSpace(filePath))
            {
                logger.WriteTo.File(new CompactJsonFormatter(), filePath, rollingInterval: RollingInterval.Day);
            }

            if (!string.IsNullOrEmpty(pauseAfter))
            {
                // Said out loud: a setting that can make the process stop for minutes must never be a surprise. Not
                // the text itself: a harness watching the output for it would take this line for the moment.
                Console.Error.WriteLine("Testing:PauseAfterLog is set: the process pauses for minutes after the line it names (crash tests only).");
                logger.WriteTo.Sink(new PauseAfterLogSink(pauseAfter));
            }
        }
    }
}
