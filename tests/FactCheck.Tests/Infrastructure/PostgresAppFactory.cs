namespace FactCheck.Tests.Infrastructure;

/// <summary>The site on PostgreSQL in every pass: for tests about PostgreSQL itself, or run on both providers side by side.</summary>
public class PostgresAppFactory : FactCheckAppFactory
{
    public PostgresAppFactory()
        : base(TestDatabase.Postgres)
    {
    }
}
