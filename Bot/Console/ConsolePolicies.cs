using Bot.Data.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Bot.Console;

/// <summary>Who may do what in the console: technicians work tickets and devices; only admins manage accounts.</summary>
public static class ConsolePolicies
{
    public const string Technician = "technician";
    public const string Admin = "admin";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Technician, policy => policy.RequireAuthenticatedUser().RequireRole(AccountRoles.Technician, AccountRoles.Admin));
        options.AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireRole(AccountRoles.Admin));
    }
}
