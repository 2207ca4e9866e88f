using System.Globalization;

namespace FactCheck.ArchiveGenerator;

/// <summary>The tool's options: <c>--database PATH</c> (required), <c>--claims N</c>, <c>--seed N</c>, <c>--manifest FILE</c>.</summary>
public sealed record GeneratorArguments(string Database, int Claims, int Seed, string? Manifest, string? PauseAfterLog = null)
{
    /// <summary>Reads the options; a missing database, an unknown option or a bad number throws with a message that says which.</summary>
    public static GeneratorArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            if (name is not ("--database" or "--claims" or "--seed" or "--manifest" or "--pause-after-log"))
            {
                throw new ArgumentException($"unknown option '{name}'");
            }

            if (i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]))
            {
                throw new ArgumentException($"{name} needs a value");
            }

            values[name] = args[i + 1];
        }

        if (!values.TryGetValue("--database", out var database))
        {
            throw new ArgumentException("--database PATH is required: the SQLite file to create or add to");
        }

        return new GeneratorArguments(database, PositiveInt(values, "--claims", 100_000), PositiveInt(values, "--seed", 42), values.GetValueOrDefault("--manifest"), values.GetValueOrDefault("--pause-after-log"));
    }

    private static int PositiveInt(Dictionary<string, string> values, string name, int fallback)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} must be a positive whole number, not '{text}'");
    }
}
