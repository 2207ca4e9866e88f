using Serilog.Core;
using Serilog.Events;

namespace FactCheck.ArchiveGenerator;

/// <summary>
/// For the crash tests only (--pause-after-log TEXT): holds the thread that wrote a matching line, so a test that
/// kills the generator at that line kills it there, not after the work raced to its end. The site has the same
/// hook as Testing:PauseAfterLog; this tool does not reference the site.
/// </summary>
internal sealed class PauseAfterLogSink(string? text) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        if (text is not null && logEvent.RenderMessage().Contains(text, StringComparison.Ordinal))
        {
            Thread.Sleep(TimeSpan.FromMinutes(2));
        }
    }
}
