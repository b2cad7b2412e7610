using Bot.Data.Knowledge;
using Bot.Dialogs.Knowledge;
using Bot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Dialogs.Tests.Knowledge;

public class KnowledgeBaseTests
{
    [Fact]
    public async Task Reloading_picks_up_edited_added_and_removed_articles_and_a_broken_file_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(Bot.Data.StorageProvider.Sqlite);
        var folder = Directory.CreateTempSubdirectory("kb-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "a.en.md"), Article("printing-home", "printing", "Print at home", "printer, print"));
            var knowledge = new KnowledgeBase(
                new KnowledgeStore(database.Database, TimeProvider.System),
                new SentenceEmbedder(),
                Options.Create(new KnowledgeOptions { ContentPath = folder, Semantic = false, MatchThreshold = 0.1 }),
                NullLogger<KnowledgeBase>.Instance);
            await knowledge.ReloadAsync(CancellationToken.None);
            Assert.Equal("printing-home", (await knowledge.SearchAsync("my printer", "en", 3, CancellationToken.None)).Results[0].Article.Slug);

            File.Delete(Path.Combine(folder, "a.en.md"));
            await File.WriteAllTextAsync(Path.Combine(folder, "b.en.md"), Article("camera-fix", "camera", "Fix the camera", "camera, webcam"));
            await knowledge.ReloadAsync(CancellationToken.None);

            Assert.Equal(["camera-fix"], knowledge.Articles.Select(a => a.Slug));
            Assert.False((await knowledge.SearchAsync("my printer", "en", 3, CancellationToken.None)).Matched);

            await File.WriteAllTextAsync(Path.Combine(folder, "c.en.md"), "---\nslug: broken\n---\n");
            await Assert.ThrowsAsync<ArticleFormatException>(() => knowledge.ReloadAsync(CancellationToken.None));
            Assert.Equal(["camera-fix"], knowledge.Articles.Select(a => a.Slug));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Article(string slug, string topic, string title, string keywords) =>
        $"---\nslug: {slug}\ntopic: {topic}\nlanguage: en\ntitle: {title}\nsummary: {title}.\nkeywords: [{keywords}]\ndevices: [any]\n---\n\n1. Try this.\n2. Then this.\n";
}
