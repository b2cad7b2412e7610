using Bot.Data.Accounts;
using Bot.Data.Schema;

namespace Bot.Console;

/// <summary>
/// <c>admin create --email &lt;email&gt; [--name &lt;name&gt;]</c>: creates a console administrator (the first one, or
/// another), reading the password from standard input so that it stays out of the shell's history.
/// </summary>
public static class AdminCommand
{
    public const int MinPasswordLength = 12;

    public static bool Handles(string[] args) => args is ["admin", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args is not ["admin", "create", "--email", var email, ..] || (args.Length != 4 && args is not [_, _, _, _, "--name", _]))
        {
            await error.WriteLineAsync("Usage: admin create --email <email> [--name <name>]   (the password is read from standard input)");
            return 2;
        }

        var name = args.Length == 6 ? args[5] : email;
        await error.WriteLineAsync($"Password for {email} (at least {MinPasswordLength} characters):");
        var password = await input.ReadLineAsync(cancellationToken);
        if (password is null || password.Length < MinPasswordLength)
        {
            await error.WriteLineAsync($"No account was created: the password needs at least {MinPasswordLength} characters.");
            return 1;
        }

        await services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        try
        {
            var hash = services.GetRequiredService<ConsoleSignIn>().Hash(password);
            var account = await services.GetRequiredService<AccountStore>().CreateAsync(email, name, AccountRoles.Admin, hash, cancellationToken);
            await services.GetRequiredService<AuditLog>().RecordAsync(null, "created account (command line)", $"account:{account.Id}", account.Role, cancellationToken);
            await output.WriteLineAsync($"Created administrator {account.Email}. Sign in at /console.");
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync($"No account was created: {ex.Message}");
            return 1;
        }
    }
}
