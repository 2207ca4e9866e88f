namespace FactCheck.Data.Configurations.Postgres;

/// <summary>
/// The generated tsvector of a search row: each column weighted (A to D, as SQLite's bm25 weights its
/// columns), with the 'english' configuration for the stemming FTS5's porter tokenizer gives SQLite.
/// </summary>
internal static class SearchRowWeights
{
    public const string TextSearchConfiguration = "english";

    public static string Vector(params (string Column, char Weight)[] columns) =>
        string.Join(" || ", columns.Select(c =>
            $"setweight(to_tsvector('{TextSearchConfiguration}'::regconfig, coalesce(\"{c.Column}\", '')), '{c.Weight}')"));
}
