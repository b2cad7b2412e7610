using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Bot.Channels.WebChat;

/// <summary>
/// Direct Line tokens: signed and encrypted by ASP.NET Core Data Protection, expiring, and bound to one conversation
/// and one user. A token that was tampered with, has expired, or names another conversation is worth nothing.
/// </summary>
public sealed class DirectLineTokens(IDataProtectionProvider protection, IOptions<DirectLineOptions> options)
{
    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("Bot.Channels.WebChat.DirectLineToken").ToTimeLimitedDataProtector();

    public TimeSpan Lifetime => options.Value.TokenLifetime;

    /// <param name="language">The page's language, so the bot greets in it before anyone has written.</param>
    public string Issue(string conversationId, string userId, string? language = null) =>
        protector.Protect(language is null ? $"{conversationId}\n{userId}" : $"{conversationId}\n{userId}\n{language}", DateTimeOffset.UtcNow + Lifetime);

    /// <summary>A new token for what <paramref name="grant"/> allowed, with a new expiry.</summary>
    public string Renew(DirectLineGrant grant) => Issue(grant.ConversationId, grant.UserId, grant.Language);

    /// <summary>The grant an <c>Authorization: Bearer</c> header carries, or null when it carries no valid token.</summary>
    public DirectLineGrant? Read(string? authorization)
    {
        const string Bearer = "Bearer ";
        return authorization is not null && authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)
            ? ReadToken(authorization[Bearer.Length..].Trim())
            : null;
    }

    /// <summary>The grant a bare token carries (the stream's <c>t</c> parameter), or null when it is not a valid token.</summary>
    public DirectLineGrant? ReadToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(token, out var expires).Split('\n');
            return parts switch
            {
                [var conversation, var user] => new DirectLineGrant(conversation, user, expires),
                [var conversation, var user, var language] => new DirectLineGrant(conversation, user, expires, language),
                _ => null,
            };
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>What a token allows: one user in one conversation, until it expires; and the page's language, if it said.</summary>
public sealed record DirectLineGrant(string ConversationId, string UserId, DateTimeOffset Expires, string? Language = null);
