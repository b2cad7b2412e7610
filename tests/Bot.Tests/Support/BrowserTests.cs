namespace Bot.Tests.Support;

/// <summary>
/// The browser tests, run one class after another against one shared Chromium: on a two-core machine, several
/// browsers and apps at once starve each other into timeouts, and one browser is enough (each test has its own context).
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<Chromium>
{
    public const string Name = "Chromium";
}
