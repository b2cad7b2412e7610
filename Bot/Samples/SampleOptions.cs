namespace Bot.Samples;

/// <summary>The synthetic sample district (<c>Samples</c>), loaded so that a newcomer sees a living desk.</summary>
public sealed class SampleOptions
{
    public const string Section = "Samples";

    /// <summary>
    /// Import the sample district when the app starts with nobody in its database. Off in a real deployment: the ARM
    /// template turns it off, and a district's first bulk OneRoster import would deactivate the sample people anyway.
    /// </summary>
    public bool ImportWhenEmpty { get; set; }

    /// <summary>Where the sample files are: <c>oneroster/</c>, <c>devices.csv</c>, <c>loans.csv</c>; relative to the content root.</summary>
    public string Folder { get; set; } = "../samples";
}
