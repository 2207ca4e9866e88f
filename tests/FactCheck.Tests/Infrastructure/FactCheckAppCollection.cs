namespace FactCheck.Tests.Infrastructure;

/// <summary>
/// One running site for all HTTP tests: starting it migrates a fresh database and imports the whole
/// archive, which is worth doing once, and the tests only read.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FactCheckAppCollection : ICollectionFixture<FactCheckAppFactory>
{
    public const string Name = "FactCheck app";
}
