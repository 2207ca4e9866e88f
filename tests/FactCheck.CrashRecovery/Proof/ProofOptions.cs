using System.Globalization;

namespace FactCheck.CrashRecovery.Proof;

/// <summary>The proof commands' options: `conflicts|crashes --provider sqlite|postgres [--editors 50] [--saves 1000] [--claims 20] [--rounds 200] [--writers 8] [--seed 1]`.</summary>
public sealed record ProofOptions(string Provider, int Editors, int Saves, int Claims, int Rounds, int Writers, int Seed)
{
    public static ProofOptions Parse(string[] args) => new(
        StringOption(args, "--provider", "sqlite"),
        IntOption(args, "--editors", 50),
        IntOption(args, "--saves", 1000),
        IntOption(args, "--claims", 20),
        IntOption(args, "--rounds", 200),
        IntOption(args, "--writers", 8),
        IntOption(args, "--seed", 1));

    private static string StringOption(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    private static int IntOption(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }
}
