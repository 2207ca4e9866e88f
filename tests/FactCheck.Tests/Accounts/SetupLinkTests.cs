using System.Net;
using FactCheck.Tests.Infrastructure;

namespace FactCheck.Tests.Accounts;

/// <summary>The first start's one-time link, read from the log as the operator reads it.</summary>
[Trait("Database", "Both")]
public sealed class SetupLinkTests(AccountAppFactory app) : IClassFixture<AccountAppFactory>
{
    [Fact]
    public async Task TheLoggedLinkCreatesTheChiefEditorOnceAndThenIsDead()
    {
        var link = await SetupLinkFromLogAsync();
        Assert.Equal(app.BaseAddress.Authority, link.Authority);
        using var session = new FormSession(app.BaseAddress);

        using (var guessed = await session.GetAsync("/account/setup/guessed-token"))
        {
            Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
        }

        using (var weak = await CreateAsync(session, link, "chief@example.com", "Unbelievable"))
        {
            var page = Html.Parse(await weak.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
            Assert.Contains("common breached passwords", page.QuerySelector("#setup-password ~ .validation-message")?.TextContent, StringComparison.Ordinal);
        }

        using (var created = await CreateAsync(session, link, "chief@example.com", "four words make a passphrase"))
        {
            Assert.Equal(HttpStatusCode.Found, created.StatusCode);
            Assert.Equal("/editor", new Uri(app.BaseAddress, created.Headers.Location!).AbsolutePath);
        }

        var desk = await session.GetPageAsync("/editor");
        Assert.Contains("Signed in as chief@example.com, chief editor.", desk.QuerySelector("main")?.TextContent, StringComparison.Ordinal);

        using var again = await session.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    private async Task<Uri> SetupLinkFromLogAsync()
    {
        _ = app.BaseAddress;

        // The line is written once the server listens, which may be a moment after the first request can be made
        // (seconds on a loaded machine with PostgreSQL); the loop ends as soon as it is there.
        for (var wait = 0; wait < 300; wait++)
        {
            var line = app.LogLines.FirstOrDefault(l => l.Contains("Create the first chief editor at", StringComparison.Ordinal));
            if (line is not null)
            {
                var url = line.Split(' ').Single(word => word.StartsWith("http", StringComparison.Ordinal));
                return new Uri(url);
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("No setup link in the log:\n" + string.Join("\n", app.LogLines));
    }

    private static Task<HttpResponseMessage> CreateAsync(FormSession session, Uri link, string email, string password) =>
        session.SubmitAsync(link.PathAndQuery, new Dictionary<string, string> { ["Email"] = email, ["Password"] = password }, "Create chief editor");
}
