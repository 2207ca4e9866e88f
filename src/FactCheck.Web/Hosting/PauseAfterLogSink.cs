using Serilog.Core;
using Serilog.Events;

namespace FactCheck.Web.Hosting;

/// <summary>
/// For the crash tests only (Testing:PauseAfterLog): holds the thread that wrote a matching line, so a test
/// that kills the process "after the migrations" kills it there, not after the import has raced to the end.
/// Serilog's sinks run on the logging thread in order, so the console line is written before the pause.
/// </summary>
internal sealed class PauseAfterLogSink(string text) : ILogEventSink
{
    // Long enough for any harness to kill; short enough that a forgotten setting cannot hang a process for good.
    private static readonly TimeSpan Pause = TimeSpan.FromMinutes(2);

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.RenderMessage().Contains(text, StringComparison.Ordinal))
        {
            Thread.Sleep(Pause);
        }
    }
}
