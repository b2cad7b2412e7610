using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Dialogs.Knowledge;

/// <summary>
/// Loads the knowledge base while the app starts (after migrations), and again whenever an article file changes, so
/// that editing the content needs no restart. A broken file on reload is logged and the previous set kept.
/// </summary>
internal sealed partial class KnowledgeLoader(KnowledgeBase knowledge, ILogger<KnowledgeLoader> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private FileSystemWatcher? watcher;
    private Timer? debounce;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await knowledge.ReloadAsync(cancellationToken);
        if (knowledge.Options.WatchForChanges)
        {
            debounce = new Timer(_ => _ = ReloadQuietlyAsync(), null, Timeout.Infinite, Timeout.Infinite);
            watcher = new FileSystemWatcher(knowledge.Options.ResolvedContentPath, "*.md") { IncludeSubdirectories = true };
            watcher.Changed += OnChange;
            watcher.Created += OnChange;
            watcher.Deleted += OnChange;
            watcher.Renamed += OnChange;
            watcher.EnableRaisingEvents = true;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        watcher?.Dispose();
        watcher = null;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        watcher?.Dispose();
        debounce?.Dispose();
    }

    // Editors write a file in several steps: reload once things are quiet.
    private void OnChange(object sender, FileSystemEventArgs e) => debounce?.Change(Quiet, Timeout.InfiniteTimeSpan);

    private async Task ReloadQuietlyAsync()
    {
        try
        {
            await knowledge.ReloadAsync(CancellationToken.None);
        }
        catch (ArticleFormatException ex)
        {
            LogReloadFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kept the previous knowledge base: {Problem}")]
    private static partial void LogReloadFailed(ILogger logger, string problem);
}
