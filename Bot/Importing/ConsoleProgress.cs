using Bot.Data.Importing;

namespace Bot.Importing;

/// <summary>A progress bar for long imports, redrawn in place on standard error.</summary>
internal sealed class ConsoleProgress(TextWriter error) : IProgress<ImportProgress>
{
    private const int Width = 30;
    private bool drawn;

    public void Report(ImportProgress value)
    {
        var share = value.Total == 0 ? 1 : (double)value.Done / value.Total;
        var filled = (int)Math.Round(share * Width);
        error.Write($"\r{value.File,-12} [{new string('#', filled)}{new string('.', Width - filled)}] {value.Done}/{value.Total}");
        drawn = true;
    }

    public void Finish()
    {
        if (drawn)
        {
            error.WriteLine();
            drawn = false;
        }
    }
}
