namespace Minimization.Cli
{
    /// <summary>The <c>minimization</c> command.</summary>
    public static class Program
    {
        /// <summary>Runs the command line; the exit code is 0 (clean), 1 (findings at the chosen level) or 2 (usage or load error).</summary>
        public static int Main(string[] args) => CliApp.Run(args, System.Console.Out, System.Console.Error, System.Environment.CurrentDirectory);
    }
}
