using FactCheck.CrashRecovery;
using FactCheck.Web.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace FactCheck.Tests.Reliability;

/// <summary>
/// The crash tests' hold (Testing:PauseAfterLog) must match a line as the console shows it, since that is where a test
/// copies the text from. It matched Serilog's RenderMessage(), which quotes string properties, so EF Core's
/// "Applying migration '…'" never held the process and the stale-lock crash test raced EF Core's lock release.
/// </summary>
public sealed class PauseAfterLogSinkTests
{
    // EF Core's own definition of RelationalEventId.MigrationApplying, its template word for word: a string property inside quotes.
#pragma warning disable CA1727
    private static readonly Action<Microsoft.Extensions.Logging.ILogger, string, Exception?> ApplyingMigration =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(20402, "MigrationApplying"), "Applying migration '{migration}'.");
#pragma warning restore CA1727

    [Fact]
    public void A_line_with_a_string_property_is_matched_as_the_console_writes_it()
    {
        var logged = LogThroughMicrosoftLogging(logger => ApplyingMigration(logger, "20261122151617_AddSearchAndCurrentRating", null));

        Assert.True(new PauseAfterLogSink("Applying migration '20261122151617_AddSearchAndCurrentRating'").Matches(logged));
        Assert.False(new PauseAfterLogSink("Applying migration '20261122150243_InitialSchema'").Matches(logged));
    }

    [Fact]
    public void A_line_with_numbers_and_a_list_is_matched_by_its_literal_words()
    {
        var logged = LogThroughMicrosoftLogging(logger => logger.LogInformation(
            "Database migrated: {PendingCount} migrations applied {Migrations}", 2, new List<string> { "A", "B" }));

        Assert.True(new PauseAfterLogSink("Database migrated: 2 migrations applied").Matches(logged));
    }

    [Fact]
    public void The_harness_kills_on_the_words_the_site_writes_when_it_holds()
    {
        Assert.Equal(PauseAfterLogSink.PausedMarker, KillMoment.PausedMarker);
        Assert.Equal(KillMoment.PausedMarker + "Database migrated", KillMoment.PausedAt("after the migrations", "Database migrated").KillLine);
        Assert.Equal("Importing seed archive", KillMoment.OnLog("during the import", "Importing seed archive").KillLine);
    }

    // Through Microsoft.Extensions.Logging into Serilog, as EF Core's lines reach the site's sinks.
    private static LogEvent LogThroughMicrosoftLogging(Action<Microsoft.Extensions.Logging.ILogger> log)
    {
        var captured = new Captured();
        using var serilog = new Serilog.LoggerConfiguration().WriteTo.Sink(captured).CreateLogger();
        using var factory = new SerilogLoggerFactory(serilog);
        log(factory.CreateLogger("Microsoft.EntityFrameworkCore.Migrations"));
        return Assert.Single(captured.Events);
    }

    private sealed class Captured : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}
