using System.Globalization;

using SecVault.Hosting;

namespace SecVault.Tools;

/// <summary>
/// Renders bulk progress on standard error as one line overwritten in place (<c>decrypting 4,000/10,000…</c>), only
/// when standard error is a terminal and the work has at least <see cref="Threshold"/> items; silent otherwise. The
/// line is redrawn when the whole percentage changes (at most about a hundred times), and erased by <see cref="Dispose"/>.
/// Safe to report from several threads.
/// </summary>
internal sealed class ProgressLine : IProgress<WorkProgress>, IDisposable
{
    /// <summary>The smallest number of items worth a progress line.</summary>
    public const int DefaultThreshold = 1000;

    private readonly TextWriter _error;
    private readonly bool _enabled;
    private readonly string _verb;
    private readonly Lock _gate = new();
    private int _lastPercent = -1;
    private int _lastDone;
    private bool _drawn;

    public ProgressLine(IConsole console, string verb, int threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(console);
        _error = console.StdErr;
        _enabled = console.IsErrorTerminal;
        _verb = verb;
        Threshold = threshold;
    }

    /// <summary>The smallest total that is drawn.</summary>
    public int Threshold { get; }

    /// <inheritdoc/>
    public void Report(WorkProgress value)
    {
        if (!_enabled || value.Total < Threshold || value.Total <= 0)
        {
            return;
        }

        lock (_gate)
        {
            // Reports from parallel workers can arrive out of order: the line only moves forward.
            var percent = (int)(value.Done * 100L / value.Total);
            if (value.Done <= _lastDone || (percent == _lastPercent && value.Done != value.Total))
            {
                return;
            }

            _lastPercent = percent;
            _lastDone = value.Done;
            _drawn = true;
            _error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{_verb} {value.Done:N0}/{value.Total:N0}…"));
            _error.Flush();
        }
    }

    /// <summary>Erases the line, if one was drawn, so what follows starts at the line's beginning.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                _error.Write("\r\u001b[K");
                _error.Flush();
                _drawn = false;
            }
        }
    }
}
