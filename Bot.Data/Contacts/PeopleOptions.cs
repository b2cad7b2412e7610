namespace Bot.Data.Contacts;

/// <summary>How the desk reads and recognises people (<c>People</c>).</summary>
public sealed class PeopleOptions
{
    public const string Section = "People";

    /// <summary>The region (ISO 3166 code) of phone numbers written without a country code.</summary>
    public string DefaultRegion { get; set; } = "US";

    /// <summary>
    /// How the bot names students to someone writing from a number several people share, whom it cannot verify:
    /// <c>FirstName</c>, <c>Initials</c>, or <c>None</c> (it asks for the student's ID number instead).
    /// </summary>
    public StudentNaming StudentNamesToUnverifiedSenders { get; set; } = StudentNaming.FirstName;
}

public enum StudentNaming
{
    FirstName,
    Initials,
    None,
}
