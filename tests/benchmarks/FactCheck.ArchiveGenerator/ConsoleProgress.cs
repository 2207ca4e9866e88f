using System.Globalization;

namespace FactCheck.ArchiveGenerator;

/// <summary>
/// Shows a long command's progress: a bar redrawn in place on a terminal, or plain lines at every tenth
/// when the output goes to a file or a pipe (a log, CI), where a redrawn line would be noise.
/// </summary>
public sealed class ConsoleProgress : IProgress<GenerationProgress>
{
    private const int BarWidth = 30;

    private readonly string _command;
    private readonly TextWriter _output;
    private readonly bool _terminal;
    private string? _stage;
    private int _shown = -1;

    public ConsoleProgress(string command, TextWriter output, bool terminal)
    {
        _command = command;
        _output = output;
        _terminal = terminal;
    }

    /// <summary>On standard error when it is a terminal (it stays clear of the log on standard output), else standard output.</summary>
    public static ConsoleProgress For(string command) =>
        Console.IsErrorRedirected
            ? new ConsoleProgress(command, Console.Out, terminal: false)
            : new ConsoleProgress(command, Console.Error, terminal: true);

    public void Report(GenerationProgress value)
    {
        var percent = value.Total == 0 ? 100 : (int)(value.Done * 100L / value.Total);
        if (value.Stage != _stage)
        {
            (_stage, _shown) = (value.Stage, -1);
        }

        // A terminal redraws at every percent; a file gets a line at every tenth.
        var step = _terminal ? percent : percent / 10 * 10;
        if (step == _shown)
        {
            return;
        }

        _shown = step;
        var counts = string.Create(CultureInfo.InvariantCulture, $"{value.Done:N0} of {value.Total:N0}");
        if (_terminal)
        {
            var filled = percent * BarWidth / 100;
            _output.Write(string.Create(CultureInfo.InvariantCulture, $"\r{_command}: {value.Stage,-8} [{new string('#', filled)}{new string('-', BarWidth - filled)}] {percent,3}% {counts}   "));
            if (value.Done >= value.Total)
            {
                _output.WriteLine();
            }
        }
        else
        {
            _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_command}: {value.Stage} {step}% ({counts})"));
        }

        _output.Flush();
    }
}
