namespace Bot.Samples;

/// <summary><c>samples generate &lt;folder&gt;</c>: writes the synthetic sample district (the same files every time).</summary>
public static class SampleCommand
{
    public static bool Handles(string[] args) => args is ["samples", ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not ["samples", "generate", var folder])
        {
            await error.WriteLineAsync("Usage: samples generate <folder>");
            return 2;
        }

        SampleDistrict.Write(folder);
        await output.WriteLineAsync($"Wrote the sample district to {Path.GetFullPath(folder)}.");
        return 0;
    }
}
