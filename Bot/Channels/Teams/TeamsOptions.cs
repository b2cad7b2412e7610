namespace Bot.Channels.Teams;

/// <summary>
/// Microsoft Teams (<c>Teams</c>). Staff chat with the bot wherever the app is installed; escalation alerts go to
/// the technicians' channel only when <see cref="TechniciansChannelId"/> is set.
/// </summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>The technicians' team channel (<c>19:…@thread.tacv2</c>) that gets a card for every new ticket.</summary>
    public string? TechniciansChannelId { get; set; }

    /// <summary>The district's Microsoft 365 tenant id, sent with new channel threads.</summary>
    public string? TenantId { get; set; }

    /// <summary>
    /// Where the Bot Connector service for the district's Teams is: new channel threads are started there (replies to
    /// existing conversations use the address Teams gave with them).
    /// </summary>
    public string ServiceUrl { get; set; } = "https://smba.trafficmanager.net/teams/";

    public bool AlertsEnabled => !string.IsNullOrWhiteSpace(TechniciansChannelId);
}
