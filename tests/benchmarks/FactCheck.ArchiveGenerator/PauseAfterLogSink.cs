using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace FactCheck.ArchiveGenerator;

/// <summary>
/// For the crash tests only (--pause-after-log TEXT): holds the thread that wrote a matching line, so a test that
/// kills the generator at that line kills it there, not after the work raced to its end. The site has the same
/// hook as Testing:PauseAfterLog; this tool does not reference the site.
/// </summary>
internal sealed class PauseAfterLogSink(string? text) : ILogEventSink
{
    /// <summary>The site's PauseAfterLogSink.PausedMarker, word for word: the crash harness kills on it.</summary>
    public const string PausedMarker = "Paused here for a crash test, after a line containing: ";

    // As the console shows the line ({Message:lj} in Program.cs): RenderMessage() would quote string properties, and a
    // text copied from the console would never match.
    private static readonly MessageTemplateTextFormatter AsOnConsole = new("{Message:lj}");

    public void Emit(LogEvent logEvent)
    {
        if (text is null)
        {
            return;
        }

        using var message = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        AsOnConsole.Format(logEvent, message);
        if (message.ToString().Contains(text, StringComparison.Ordinal))
        {
            Console.Error.WriteLine(PausedMarker + text);
            Thread.Sleep(TimeSpan.FromMinutes(2));
        }
    }
}
