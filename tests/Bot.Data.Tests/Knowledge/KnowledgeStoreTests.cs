using Bot.Data.Knowledge;
using Bot.Testing;

namespace Bot.Data.Tests.Knowledge;

public class KnowledgeStoreTests
{
    public static IEnumerable<object[]> Providers() => TestDatabase.Providers();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Search_finds_articles_in_the_asked_language_by_any_word_accents_or_not(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var store = new KnowledgeStore(test.Database, TimeProvider.System);
        await store.ReplaceAllAsync(Articles(), CancellationToken.None);

        var english = await store.SearchAsync("my wifi keeps disconnecting!!", "en", 5, CancellationToken.None);
        var spanish = await store.SearchAsync("la batería no carga", "es", 5, CancellationToken.None);
        var nothing = await store.SearchAsync("the the and", "en", 5, CancellationToken.None);

        Assert.Equal("wifi-home", english[0].Slug);
        Assert.All(english, hit => Assert.NotEqual("power-charge", hit.Slug));
        Assert.Equal(("power-charge", "power"), (spanish[0].Slug, spanish[0].Topic));
        Assert.True(spanish[0].Score > 0);
        Assert.Empty(nothing);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Replacing_the_articles_removes_those_no_longer_there_from_list_and_search(StorageProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var store = new KnowledgeStore(test.Database, TimeProvider.System);
        await store.ReplaceAllAsync(Articles(), CancellationToken.None);

        await store.ReplaceAllAsync(Articles().Where(a => a.Slug != "wifi-home").ToList(), CancellationToken.None);

        Assert.DoesNotContain(await store.ListAsync(CancellationToken.None), a => a.Slug == "wifi-home");
        Assert.Empty(await store.SearchAsync("wifi router", "en", 5, CancellationToken.None));
        Assert.Equal(2, (await store.ListAsync(CancellationToken.None)).Count);
    }

    private static List<ArticleRecord> Articles() =>
    [
        new("wifi-home", "en", "wifi", "Connect to home Wi-Fi", "Forget the network and reconnect.", "wifi, internet, router, disconnecting", "chromebook", "[]", null, "Restart the router. Turn Wi-Fi off and on."),
        new("power-charge", "en", "power", "Laptop won't charge", "Check the charger and the outlet.", "battery, charge, power", "any", "[]", null, "Plug the charger into another outlet."),
        new("power-charge", "es", "power", "La computadora no carga", "Revise el cargador y el enchufe.", "batería, cargar, no prende", "any", "[]", null, "Conecte el cargador a otro enchufe."),
    ];
}
