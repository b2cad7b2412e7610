using Microsoft.Extensions.Options;

namespace Bot.Data;

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!options.TryGetProvider(out var provider))
        {
            var known = string.Join(" or ", Enum.GetNames<StorageProvider>());
            return ValidateOptionsResult.Fail(
                $"Storage:Provider is '{options.Provider}', which this app does not support. Set it to {known}.");
        }

        if (provider != StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"Storage:Provider is {provider} but ConnectionStrings:Bot is empty. Set it to the database's connection string.");
        }

        return ValidateOptionsResult.Success;
    }
}
