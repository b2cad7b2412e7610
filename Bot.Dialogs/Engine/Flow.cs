namespace Bot.Dialogs.Engine;

/// <summary>
/// One dialog: it starts with values, asks questions through prompts, hears valid answers, and ends with a result
/// that its parent hears. A flow never sees the channel.
/// </summary>
public abstract class Flow
{
    public abstract string Id { get; }

    /// <summary>Starts the flow in a new frame (already on the stack) whose values are its arguments.</summary>
    public abstract Task BeginAsync(DialogEngine engine, DialogContext dc, DialogFrame frame);

    /// <summary>A valid answer to the frame's pending prompt.</summary>
    public abstract Task ContinueAsync(DialogEngine engine, DialogContext dc, DialogFrame frame, Answer answer);

    /// <summary>The question of the frame's current step, asked again after help, a language change or a miss.</summary>
    public abstract Reply Question(DialogContext dc, DialogFrame frame);

    /// <summary>A child flow this one started has ended.</summary>
    public virtual Task ResumeAsync(DialogEngine engine, DialogContext dc, DialogFrame frame, FlowResult result) =>
        engine.EndAsync(dc, frame, result);

    /// <summary>The person missed the prompt too often; by default the flow ends and its parent decides.</summary>
    public virtual Task GiveUpAsync(DialogEngine engine, DialogContext dc, DialogFrame frame) =>
        engine.EndAsync(dc, frame, FlowResult.GaveUp);
}

public enum FlowResult
{
    Done,
    GaveUp,
    Escalated,
}
