namespace Bot.Console;

/// <summary>
/// Console sign-in with Microsoft Entra ID (<c>Console:Entra</c>), next to local accounts; on when
/// <see cref="ClientId"/> is set. Who may sign in is still decided by the console's accounts: an Entra user gets in
/// only when an active account has their email.
/// </summary>
public sealed class EntraOptions
{
    public const string Section = "Console:Entra";

    /// <summary>The OpenID Connect authority: <c>https://login.microsoftonline.com/{tenant id}/v2.0</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>The console's app registration (application id).</summary>
    public string? ClientId { get; set; }

    /// <summary>A client secret of that registration, to redeem the sign-in code.</summary>
    public string? ClientSecret { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);
}
