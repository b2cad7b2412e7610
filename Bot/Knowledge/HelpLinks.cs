using Bot.Channels.Sms;
using Bot.Dialogs.Knowledge;
using Microsoft.Extensions.Options;

namespace Bot.Knowledge;

/// <summary>Absolute links to the desk's public pages, built from configuration, never from a request's headers.</summary>
public sealed class HelpLinks(IOptions<HelpLinkOptions> options, IOptions<TwilioOptions> twilio)
{
    /// <summary>The path of an article's public page.</summary>
    public static string PathOf(Article article) =>
        $"/help/{Uri.EscapeDataString(article.Language)}/{Uri.EscapeDataString(article.Slug)}";

    /// <summary>The article's public page, or null when no public URL is configured.</summary>
    public string? ArticleUrl(Article article) =>
        BaseUrl() is { } baseUrl ? baseUrl.TrimEnd('/') + PathOf(article) : null;

    private string? BaseUrl()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicUrl))
        {
            return options.Value.PublicUrl;
        }

        // Twilio's webhook URL is checked only for signatures, so it is checked here too before it goes into a text.
        var webhook = twilio.Value.WebhookBaseUrl;
        return !string.IsNullOrWhiteSpace(webhook) && HelpLinkOptionsValidator.IsBaseUrl(webhook) ? webhook : null;
    }
}
