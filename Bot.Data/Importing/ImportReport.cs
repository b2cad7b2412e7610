namespace Bot.Data.Importing;

/// <summary>
/// What an import did: how many records it added, updated, deactivated or left alone, and every problem with the
/// file and line it was found on. A skipped row is not imported at all; a value left out is dropped while the rest of
/// its row imports.
/// </summary>
public sealed class ImportReport
{
    private readonly List<ImportProblem> problems = [];

    public int Added { get; set; }

    public int Updated { get; set; }

    public int Deactivated { get; set; }

    public int Unchanged { get; set; }

    public int Skipped => problems.Count(problem => problem.Kind == ImportProblemKind.SkippedRow);

    public IReadOnlyList<ImportProblem> Problems => problems;

    public void SkipRow(string file, int line, string reason) => problems.Add(new ImportProblem(ImportProblemKind.SkippedRow, file, line, reason));

    public void LeaveOut(string file, int line, string reason) => problems.Add(new ImportProblem(ImportProblemKind.ValueLeftOut, file, line, reason));

    public void MissingFile(string file, string reason) => problems.Add(new ImportProblem(ImportProblemKind.MissingFile, file, 0, reason));

    public override string ToString() =>
        $"added {Added}, updated {Updated}, deactivated {Deactivated}, unchanged {Unchanged}, skipped {Skipped}, values left out {problems.Count(p => p.Kind == ImportProblemKind.ValueLeftOut)}";
}

public enum ImportProblemKind
{
    SkippedRow,
    ValueLeftOut,
    MissingFile,
}

public sealed record ImportProblem(ImportProblemKind Kind, string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}

/// <summary>How far an import is through a file.</summary>
public sealed record ImportProgress(string File, int Done, int Total);
