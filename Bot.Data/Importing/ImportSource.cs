using System.IO.Compression;
using System.Text;

namespace Bot.Data.Importing;

/// <summary>The files of an export: a folder, or a zip file holding them (at its root or in one folder).</summary>
public sealed class ImportSource : IDisposable
{
    private readonly string? folder;
    private readonly ZipArchive? zip;

    private ImportSource(string? folder, ZipArchive? zip)
    {
        this.folder = folder;
        this.zip = zip;
    }

    public static ImportSource Open(string path)
    {
        if (Directory.Exists(path))
        {
            return new ImportSource(path, null);
        }

        if (File.Exists(path))
        {
            return new ImportSource(null, ZipFile.OpenRead(path));
        }

        throw new FileNotFoundException($"No folder or zip file at '{path}'.", path);
    }

    public bool Exists(string name) => Find(name) is not null;

    /// <summary>The file as text (UTF-8, a byte-order mark allowed), or null when it is not there.</summary>
    public TextReader? OpenText(string name) => Find(name) switch
    {
        string file => new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true),
        ZipArchiveEntry entry => new StreamReader(entry.Open(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true),
        _ => null,
    };

    private object? Find(string name)
    {
        if (folder is not null)
        {
            return Directory.EnumerateFiles(folder).FirstOrDefault(file => string.Equals(Path.GetFileName(file), name, StringComparison.OrdinalIgnoreCase));
        }

        return zip!.Entries.FirstOrDefault(entry => string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose() => zip?.Dispose();
}
