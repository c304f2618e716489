namespace Ims.Edge.Cli;

/// <summary>Where a command writes: standard output for results, standard error for one-line failures.</summary>
internal sealed record CliOutput(TextWriter Out, TextWriter Error)
{
    /// <summary>Writes a one-line failure and returns the exit code for it.</summary>
    public int Fail(string message, int exitCode = 1)
    {
        Error.WriteLine($"ims: {message.ReplaceLineEndings(" ")}");
        return exitCode;
    }
}
