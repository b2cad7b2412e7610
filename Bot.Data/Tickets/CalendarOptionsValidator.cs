using Microsoft.Extensions.Options;

namespace Bot.Data.Tickets;

/// <summary>Checks the business calendar at start-up by building it: a bad time zone or day fails with what to fix.</summary>
internal sealed class CalendarOptionsValidator : IValidateOptions<CalendarOptions>
{
    public ValidateOptionsResult Validate(string? name, CalendarOptions options)
    {
        try
        {
            _ = new BusinessCalendar(options);
            return ValidateOptionsResult.Success;
        }
        catch (TimeZoneNotFoundException)
        {
            return ValidateOptionsResult.Fail($"{CalendarOptions.Section}:TimeZone '{options.TimeZone}' is not a time zone this machine knows; use an IANA id such as America/Chicago.");
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
