namespace Bot.Dialogs.Knowledge;

/// <summary>Reads every <c>*.md</c> article under a folder and checks the set as a whole.</summary>
public static class ArticleFolder
{
    public static IReadOnlyList<Article> Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The knowledge base folder '{folder}' does not exist (Knowledge:ContentPath).");
        }

        var articles = Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => ArticleParser.Parse(File.ReadAllText(path), Path.GetRelativePath(folder, path)))
            .ToList();
        var duplicate = articles.GroupBy(a => (a.Slug, a.Language)).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArticleFormatException(folder, $"two articles are '{duplicate.Key.Slug}' in '{duplicate.Key.Language}'");
        }

        return articles;
    }
}
