namespace FactCheck.Tests.Infrastructure;

/// <summary>One address of every kind the site serves, from the imported archive.</summary>
public static class PageKinds
{
    public const string NotFoundPath = "/no/such/page";

    public static async Task<IReadOnlyList<string>> LoadAsync(FactCheckAppFactory app)
    {
        var balki = await SeededClaims.LoadAsync(app, SeededClaims.BalkiKey);
        return
        [
            "/",
            "/claims",
            balki.Path,
            balki.Evidence[0].SourcePath,
            "/claimants/taliban",
            "/topics",
            "/topics/taliban-amnesty-pledges",
            "/search?q=amnesty",
            "/feeds/verdicts.atom",
            "/corrections",
            "/feeds/corrections.atom",
            NotFoundPath,
        ];
    }
}
