using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace FactCheck.Web.Hosting;

/// <summary>
/// For the crash tests only (Testing:PauseAfterLog): holds the thread that wrote a matching line, so a test
/// that kills the process "after the migrations" kills it there, not after the import has raced to the end.
/// Serilog's sinks run on the logging thread in order, so the console line is written before the pause.
/// </summary>
internal sealed class PauseAfterLogSink(string text) : ILogEventSink
{
    /// <summary>
    /// Written to standard error when the pause begins. The crash harness (tests/FactCheck.CrashRecovery, KillMoment)
    /// kills on this line rather than on the logged one: a process that wrote it is certainly held, where a logged
    /// line the pause failed to match would let it run on while the kill is on its way. The generator's sink writes
    /// the same words.
    /// </summary>
    public const string PausedMarker = "Paused here for a crash test, after a line containing: ";

    // Long enough for any harness to kill; short enough that a forgotten setting cannot hang a process for good.
    private static readonly TimeSpan Pause = TimeSpan.FromMinutes(2);

    // The console's rendering ({Message:lj} in LoggingExtensions), because the harness names a line as the console
    // shows it. RenderMessage() quotes string properties: EF Core's "Applying migration '{migrationName}'" came out as
    // Applying migration '"20261122151617_AddSearchAndCurrentRating"', never matched, and the test that meant to kill
    // during the second migration killed whenever its output reader got to the line, sometimes after EF Core had
    // finished and deleted its lock row.
    private static readonly MessageTemplateTextFormatter AsOnConsole = new("{Message:lj}");

    public void Emit(LogEvent logEvent)
    {
        if (Matches(logEvent))
        {
            Console.Error.WriteLine(PausedMarker + text);
            Thread.Sleep(Pause);
        }
    }

    /// <summary>Whether the line the console writes for <paramref name="logEvent"/> contains the text.</summary>
    internal bool Matches(LogEvent logEvent)
    {
        using var message = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        AsOnConsole.Format(logEvent, message);
        return message.ToString().Contains(text, StringComparison.Ordinal);
    }
}
