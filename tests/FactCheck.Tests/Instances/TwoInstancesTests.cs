using System.Net;
using System.Security.Claims;
using FactCheck.Data.Identity;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Desk.Verdicts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Tests.Instances;

/// <summary>
/// Two instances of the site on one database, as behind a load balancer: what one instance signs or caches
/// must hold on the other. A reader page is always cached on the instance that checks it before the change is
/// made on the other one, since a page rendered afresh would prove nothing.
/// </summary>
[Trait("Database", "Both")]
public sealed class TwoInstancesTests(TwoInstancesTests.Pair instances) : IClassFixture<TwoInstancesTests.Pair>
{
    /// <summary>The first instance migrates and seeds; the second starts on what it made.</summary>
    public sealed class Pair : IDisposable
    {
        public Pair()
        {
            First = new SiteInstance(FactCheckAppFactory.DefaultProvider, sharedConnectionString: null);
            _ = First.BaseAddress;
            Second = new SiteInstance(First.Database, First.ConnectionString);
            _ = Second.BaseAddress;
        }

        public SiteInstance First { get; }

        public SiteInstance Second { get; }

        public void Dispose()
        {
            Second.Dispose();
            First.Dispose();
        }
    }

    [Fact]
    public async Task A_sign_in_and_a_form_made_by_one_instance_are_accepted_by_the_other_and_the_first_drops_its_cached_page()
    {
        var claim = await DeskClaims.CreateUnratedAsync(instances.First, "two-instances-edit");
        const string place = "Kandahar, said to the second instance";
        Assert.DoesNotContain(place, await instances.First.ReaderTextAsync(claim.Path), StringComparison.Ordinal);

        await instances.First.AddUserAsync("two-instances@example.org", DeskRoles.Editor);
        using var onFirst = await instances.First.SignInAsync("two-instances@example.org");
        var form = await onFirst.GetPageAsync(Desk(claim.Id));

        // The same browser, now routed to the other instance: its sign-in cookie and the form's antiforgery
        // token (cookie and hidden field) were all made by the first.
        using var onSecond = new FormSession(instances.Second.BaseAddress);
        onSecond.Cookies.Add(onFirst.Cookies.GetAllCookies());
        using (var desk = await onSecond.GetAsync(Desk(claim.Id)))
        {
            Assert.Equal(HttpStatusCode.OK, desk.StatusCode);
        }

        using var saved = await onSecond.SubmitFormAsync(Desk(claim.Id), form, "Save the claim", DeskForms.EditFormAsBrowser(form, new Dictionary<string, string>
        {
            ["Said where"] = place,
            ["The quote is verbatim"] = "True",
            ["Why this change"] = "Place from the transcript",
        }));
        Assert.Equal(HttpStatusCode.Found, saved.StatusCode);
        var reads = instances.First.EvictionReads;
        Assert.Equal(place, await instances.First.QueryAsync(db => db.Claims.Where(c => c.Id == claim.Id).Select(c => c.SaidWhere).SingleAsync()));

        await instances.First.WaitForTwoEvictionReadsAsync(reads);
        Assert.Contains(place, await instances.First.ReaderTextAsync(claim.Path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verdict_published_on_one_instance_is_on_the_other_instances_cached_claim_page()
    {
        var claim = await DeskClaims.CreateUnratedAsync(instances.First, "two-instances-publish");
        const string headline = "Two instances: reprisal killings are documented";
        Assert.DoesNotContain(headline, await instances.Second.ReaderTextAsync(claim.Path), StringComparison.Ordinal);
        Assert.DoesNotContain(LatestVerdictLinks(await instances.Second.ReaderTextAsync("/")), href => href == claim.Path);

        var input = new VerdictDraftInput
        {
            Rating = "false",
            Headline = headline,
            ClaimReviewed = "Nobody who served the old government has been harmed",
            Rationale = "Human Rights Watch documented **killings** of former officials.",
            EvidenceIds = [claim.ContradictingEvidenceId],
        };
        var submitted = await ApplyOnFirstAsync(claim, DeskAction.SubmitForReview, input, null, User("writer@example.com", DeskRoles.Editor));
        Assert.Equal(DeskOutcomeKind.Saved, submitted.Kind);
        var published = await ApplyOnFirstAsync(claim, DeskAction.Publish, input, submitted.Draft!.Version, User("chief@example.com", DeskRoles.ChiefEditor));
        Assert.Equal(DeskOutcomeKind.Saved, published.Kind);
        var reads = instances.Second.EvictionReads;

        await instances.Second.WaitForTwoEvictionReadsAsync(reads);
        Assert.Contains(headline, await instances.Second.ReaderTextAsync(claim.Path), StringComparison.Ordinal);
        Assert.Contains(LatestVerdictLinks(await instances.Second.ReaderTextAsync("/")), href => href == claim.Path);
    }

    private async Task<DeskOutcome> ApplyOnFirstAsync(TestClaim claim, DeskAction action, VerdictDraftInput input, int? baseVersion, ClaimsPrincipal user)
    {
        await using var scope = instances.First.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VerdictDraftService>().ApplyAsync(claim.Id, action, input, baseVersion, user);
    }

    private static IEnumerable<string?> LatestVerdictLinks(string homePage) =>
        Html.Parse(homePage).QuerySelectorAll(".card__title a").Select(a => a.GetAttribute("href"));

    private static string Desk(int claimId) => $"/editor/claims/{claimId}";

    private static ClaimsPrincipal User(string email, string role) =>
        new(new ClaimsIdentity([new System.Security.Claims.Claim(ClaimTypes.Name, email), new System.Security.Claims.Claim(ClaimTypes.Role, role)], "test"));
}
