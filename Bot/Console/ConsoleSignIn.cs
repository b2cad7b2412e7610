using System.Security.Claims;
using Bot.Data.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bot.Console;

/// <summary>
/// Local-account sign-in: ASP.NET Core's password hasher, a lockout after repeated wrong passwords, and a cookie that
/// carries the account's id and role. Every attempt is in the audit log, never with the password.
/// </summary>
public sealed class ConsoleSignIn(AccountStore accounts, AuditLog audit, IPasswordHasher<Account> hasher, IOptions<ConsoleOptions> options, TimeProvider time)
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>Where an Entra ID token carries the address a console account is matched by, most reliable first.</summary>
    private static readonly string[] EntraSignInClaims = ["email", "preferred_username", "upn"];

    public async Task<SignInResult> SignInAsync(HttpContext http, string email, string password, CancellationToken cancellationToken)
    {
        var account = await accounts.FindByEmailAsync(email, cancellationToken);
        if (account is null || !account.Active || account.PasswordHash is null)
        {
            // The same answer as a wrong password: the form does not tell which emails have accounts.
            hasher.VerifyHashedPassword(new Account { Email = "", DisplayName = "", Role = "" }, DummyHash, password);
            return SignInResult.Failed;
        }

        if (account.LockedUntil is { } until && until > time.GetUtcNow())
        {
            await audit.RecordAsync(account.Id, "sign-in refused (locked)", $"account:{account.Id}", null, cancellationToken);
            return SignInResult.LockedOut;
        }

        if (hasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            await accounts.RecordFailedSignInAsync(account.Id, options.Value.MaxFailedSignIns, options.Value.Lockout, cancellationToken);
            await audit.RecordAsync(account.Id, "sign-in failed", $"account:{account.Id}", null, cancellationToken);
            return SignInResult.Failed;
        }

        await accounts.RecordSignInAsync(account.Id, cancellationToken);
        await audit.RecordAsync(account.Id, "signed in", $"account:{account.Id}", null, cancellationToken);
        await http.SignInAsync(Scheme, PrincipalFor(account));
        return SignInResult.Success;
    }

    /// <summary>
    /// The console principal for someone Microsoft Entra ID signed in: the active account with their email (or sign-in
    /// name), or null when there is none — Entra says who they are; the console's accounts say whether they may come in.
    /// </summary>
    public async Task<ClaimsPrincipal?> EntraPrincipalAsync(ClaimsPrincipal entraUser, CancellationToken cancellationToken)
    {
        foreach (var signIn in EntraSignInClaims.Select(type => entraUser.FindFirst(type)?.Value).OfType<string>())
        {
            if (await accounts.FindByEmailAsync(signIn, cancellationToken) is { Active: true } account)
            {
                await accounts.RecordSignInAsync(account.Id, cancellationToken);
                await audit.RecordAsync(account.Id, "signed in with Microsoft Entra ID", $"account:{account.Id}", null, cancellationToken);
                return PrincipalFor(account);
            }
        }

        await audit.RecordAsync(null, "Microsoft Entra ID sign-in refused: no console account", $"entra:{entraUser.FindFirst("oid")?.Value}", null, cancellationToken);
        return null;
    }

    private static ClaimsPrincipal PrincipalFor(Account account) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(ClaimTypes.Name, account.DisplayName),
            new Claim(ClaimTypes.Email, account.Email),
            new Claim(ClaimTypes.Role, account.Role),
        ],
        Scheme));

    public string Hash(string password) => hasher.HashPassword(new Account { Email = "", DisplayName = "", Role = "" }, password);

    /// <summary>A hash to verify against when there is no account, so that both answers take as long.</summary>
    private static readonly string DummyHash = new PasswordHasher<Account>().HashPassword(new Account { Email = "", DisplayName = "", Role = "" }, Guid.NewGuid().ToString());
}

public enum SignInResult
{
    Success,
    Failed,
    LockedOut,
}
