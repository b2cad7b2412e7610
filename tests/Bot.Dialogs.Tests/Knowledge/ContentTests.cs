using Bot.Dialogs.Knowledge;

namespace Bot.Dialogs.Tests.Knowledge;

/// <summary>The starter knowledge base shipped with the app: complete, valid, and readable on a phone.</summary>
public class ContentTests
{
    private static readonly IReadOnlyList<Article> Articles = ArticleFolder.Read(new KnowledgeOptions().ResolvedContentPath);

    public static IEnumerable<object[]> TopicsAndLanguages() =>
        Topics.All.SelectMany(topic => Languages.All.Select(language => new object[] { topic.Id, language }));

    [Theory]
    [MemberData(nameof(TopicsAndLanguages))]
    public void Every_topic_has_an_article_in_both_languages(string topic, string language) =>
        Assert.Contains(Articles, article => article.Topic == topic && article.Language == language);

    [Fact]
    public void Every_article_has_its_twin_in_the_other_language_with_as_many_steps()
    {
        foreach (var group in Articles.GroupBy(article => article.Slug))
        {
            var byLanguage = group.ToDictionary(article => article.Language);
            Assert.True(byLanguage.Count == 2, $"{group.Key} exists only in {string.Join(", ", byLanguage.Keys)}");
            Assert.Equal(byLanguage["en"].Topic, byLanguage["es"].Topic);
            Assert.True(byLanguage["en"].Steps.Count == byLanguage["es"].Steps.Count, $"{group.Key}: the translations have different numbers of steps");
        }
    }

    [Fact]
    public void Every_article_reads_well_in_a_text_message()
    {
        Assert.All(Articles, article =>
        {
            Assert.InRange(article.Steps.Count, 3, 8);
            Assert.All(article.Steps, step => Assert.True(step.Length <= 320, $"{article.Slug}.{article.Language}: a step of {step.Length} characters"));
            Assert.StartsWith(article.Topic.Replace('_', '-'), article.Slug, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_file_missing_a_field_or_naming_an_unknown_topic_is_refused_with_the_file_and_the_field()
    {
        const string Missing = "---\nslug: wifi-x\ntopic: wifi\nlanguage: en\ntitle: T\nkeywords: [a]\ndevices: [any]\n---\n\n1. Step\n";
        const string UnknownTopic = "---\nslug: x\ntopic: toaster\nlanguage: en\ntitle: T\nsummary: S\nkeywords: [a]\ndevices: [any]\n---\n\n1. Step\n";
        const string NoSteps = "---\nslug: x\ntopic: wifi\nlanguage: en\ntitle: T\nsummary: S\nkeywords: [a]\ndevices: [any]\n---\n\nJust prose.\n";
        var longSummary = $"---\nslug: x\ntopic: wifi\nlanguage: en\ntitle: T\nsummary: {new string('s', 141)}\nkeywords: [a]\ndevices: [any]\n---\n\n1. Step\n";

        Assert.Equal("a.md: front matter has no 'summary'.", Assert.Throws<ArticleFormatException>(() => ArticleParser.Parse(Missing, "a.md")).Message);
        Assert.Contains("topic 'toaster' is not in kb-topics.md", Assert.Throws<ArticleFormatException>(() => ArticleParser.Parse(UnknownTopic, "b.md")).Message, StringComparison.Ordinal);
        Assert.Contains("no ordered list of steps", Assert.Throws<ArticleFormatException>(() => ArticleParser.Parse(NoSteps, "c.md")).Message, StringComparison.Ordinal);
        Assert.Contains("summary is 141 characters", Assert.Throws<ArticleFormatException>(() => ArticleParser.Parse(longSummary, "d.md")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_keep_their_bold_labels_and_lose_their_numbers()
    {
        const string Text = "---\nslug: wifi-x\ntopic: wifi\nlanguage: en\ntitle: T\nsummary: S\nkeywords: [a]\ndevices: [chromebook]\n---\n\nWhen to use it.\n\n1. Open **Settings**\n   and wait.\n2. Second\n";

        var article = ArticleParser.Parse(Text, "e.md");

        Assert.Equal(["Open **Settings** and wait.", "Second"], article.Steps);
        Assert.Equal("When to use it.", article.Intro);
    }
}
