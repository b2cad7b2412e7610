using System.Globalization;
using System.Security.Claims;

namespace Bot.Console;

/// <summary>The signed-in account, as the console's pages and the audit log need it.</summary>
public static class ConsoleUser
{
    public static long? AccountId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static string Email(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? "unknown";
}
