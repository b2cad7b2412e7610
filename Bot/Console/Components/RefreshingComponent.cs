using Microsoft.AspNetCore.Components;

namespace Bot.Console.Components;

/// <summary>
/// A part of a console page that keeps itself current: it loads once when rendered and, once interactive, loads
/// again every <see cref="Every"/> until the page is closed. A load that fails (the database busy for a moment) is
/// logged and tried again at the next tick, so the page never silently stops following the desk.
/// </summary>
public abstract partial class RefreshingComponent : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();

    [Inject]
    protected TimeProvider Time { get; set; } = default!;

    [Inject]
    private ILogger<RefreshingComponent> Logger { get; set; } = default!;

    protected abstract TimeSpan Every { get; }

    /// <summary>Cancelled when the page goes away.</summary>
    protected CancellationToken Stopping => stop.Token;

    protected abstract Task LoadAsync();

    protected override Task OnInitializedAsync() => LoadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _ = RefreshAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        stop.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task RefreshAsync()
    {
        using var timer = new PeriodicTimer(Every, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                try
                {
                    await LoadAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRefreshFailed(Logger, GetType().Name, ex.GetType().FullName);
                    continue;
                }

                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Component} could not refresh ({ExceptionType}); it tries again at its next tick")]
    private static partial void LogRefreshFailed(ILogger logger, string component, string? exceptionType);
}
