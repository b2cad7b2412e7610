using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Bot.Dialogs.Knowledge;

/// <summary>
/// Reads an article file: YAML front matter (slug, topic, language, title, summary, keywords, devices, optional
/// video) and a Markdown body whose ordered list is the steps. Anything missing or wrong is an
/// <see cref="ArticleFormatException"/> that names the file and the field.
/// </summary>
public static partial class ArticleParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static Article Parse(string markdown, string source)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var frontMatter = document.Descendants<YamlFrontMatterBlock>().FirstOrDefault()
            ?? throw new ArticleFormatException(source, "has no YAML front matter (--- … --- at the top)");
        FrontMatter fields;
        try
        {
            fields = Yaml.Deserialize<FrontMatter>(string.Join('\n', frontMatter.Lines.Lines.Take(frontMatter.Lines.Count).Select(line => line.ToString()))) ?? new FrontMatter();
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new ArticleFormatException(source, $"front matter is not valid YAML: {ex.Message}");
        }

        var steps = document.Descendants<ListBlock>().FirstOrDefault(list => list.IsOrdered)
            ?? throw new ArticleFormatException(source, "has no ordered list of steps (1. 2. 3.)");
        var intro = document.OfType<ParagraphBlock>().Where(p => p.Line < steps.Line).Select(p => Text(markdown, p)).FirstOrDefault() ?? string.Empty;

        var article = new Article(
            Required(fields.Slug, "slug", source),
            Required(fields.Language, "language", source),
            Required(fields.Topic, "topic", source),
            Required(fields.Title, "title", source),
            Required(fields.Summary, "summary", source),
            fields.Keywords ?? [],
            fields.Devices ?? [],
            steps.OfType<ListItemBlock>().Select(item => Text(markdown, item)).ToList(),
            string.IsNullOrWhiteSpace(fields.Video) ? null : fields.Video.Trim(),
            intro);
        Validate(article, source);
        return article;
    }

    private static void Validate(Article article, string source)
    {
        if (!SlugPattern().IsMatch(article.Slug))
        {
            throw new ArticleFormatException(source, $"slug '{article.Slug}' must be lower-case letters, digits and hyphens");
        }

        if (!Languages.IsSupported(article.Language))
        {
            throw new ArticleFormatException(source, $"language '{article.Language}' must be one of {string.Join(", ", Languages.All)}");
        }

        if (!Topics.TryGet(article.Topic, out _))
        {
            throw new ArticleFormatException(source, $"topic '{article.Topic}' is not in kb-topics.md");
        }

        if (article.Summary.Length > Article.MaxSummaryLength)
        {
            throw new ArticleFormatException(source, $"summary is {article.Summary.Length} characters; at most {Article.MaxSummaryLength} fit an SMS");
        }

        if (article.Keywords.Count == 0)
        {
            throw new ArticleFormatException(source, "keywords is empty");
        }

        if (article.Devices.Count == 0 || article.Devices.Any(device => !Article.KnownDevices.Contains(device)))
        {
            throw new ArticleFormatException(source, $"devices must list some of {string.Join(", ", Article.KnownDevices)}");
        }

        if (article.Steps.Count == 0 || article.Steps.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArticleFormatException(source, "the steps list is empty or has an empty step");
        }

        if (article.Video is not null && !(Uri.TryCreate(article.Video, UriKind.Absolute, out var video) && video.Scheme == Uri.UriSchemeHttps))
        {
            throw new ArticleFormatException(source, "video must be an https:// link");
        }
    }

    /// <summary>The block's Markdown source as one line: bold and links kept, line breaks folded.</summary>
    private static string Text(string markdown, Block block)
    {
        var text = markdown.Substring(block.Span.Start, block.Span.Length);
        if (block is ListItemBlock)
        {
            text = ListMarker().Replace(text, string.Empty, 1);
        }

        return Whitespace().Replace(text, " ").Trim();
    }

    private static string Required(string? value, string field, string source) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArticleFormatException(source, $"front matter has no '{field}'") : value.Trim();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^\s*\d+[.)]\s*")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed class FrontMatter
    {
        public string? Slug { get; set; }

        public string? Topic { get; set; }

        public string? Language { get; set; }

        public string? Title { get; set; }

        public string? Summary { get; set; }

        public List<string>? Keywords { get; set; }

        public List<string>? Devices { get; set; }

        public string? Video { get; set; }
    }
}

public sealed class ArticleFormatException(string source, string problem)
    : Exception($"{source}: {problem}.")
{
    public string File { get; } = source;
}
