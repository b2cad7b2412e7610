using Microsoft.Bot.Schema;

namespace Bot.Dialogs.Tests.Flows;

/// <summary>Assertions on the bot's replies as a person sees them.</summary>
internal static class Replies
{
    public static Action<IActivity> Says(params string[] fragments) => activity =>
    {
        var text = ((IMessageActivity)activity).Text ?? string.Empty;
        Assert.All(fragments, fragment => Assert.Contains(fragment, text, StringComparison.Ordinal));
    };

    public static Action<IActivity> Offers(params string[] labels) => activity =>
        Assert.Equal(labels, Choices(activity));

    public static Action<IActivity> SaysAndOffers(string fragment, int choices) => activity =>
    {
        Says(fragment)(activity);
        Assert.Equal(choices, Choices(activity).Count);
    };

    public static IReadOnlyList<string> Choices(IActivity activity) =>
        ((IMessageActivity)activity).SuggestedActions?.Actions.Select(action => action.Title).ToList() ?? [];
}
