using Microsoft.AspNetCore.Components;

namespace Bot.Console.Components;

/// <summary>
/// A part of a console page that keeps itself current: it loads once when rendered and, once interactive, loads
/// again every <see cref="Every"/> until the page is closed.
/// </summary>
public abstract class RefreshingComponent : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();

    [Inject]
    protected TimeProvider Time { get; set; } = default!;

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
                await LoadAsync();
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
