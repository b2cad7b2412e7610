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

    public string Issue(string conversationId, string userId) =>
        protector.Protect($"{conversationId}\n{userId}", DateTimeOffset.UtcNow + Lifetime);

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
            return parts.Length == 2 ? new DirectLineGrant(parts[0], parts[1], expires) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>What a token allows: one user in one conversation, until it expires.</summary>
public sealed record DirectLineGrant(string ConversationId, string UserId, DateTimeOffset Expires);
