namespace Bot.Data.Contacts;

/// <summary>How the desk reads and recognises people (<c>People</c>).</summary>
public sealed class PeopleOptions
{
    public const string Section = "People";

    /// <summary>The region (ISO 3166 code) of phone numbers written without a country code.</summary>
    public string DefaultRegion { get; set; } = "US";
}
