using Bunit;
using FactCheck.Data.Identity;
using FactCheck.Data.Text;
using FactCheck.Tests.Infrastructure;
using FactCheck.Web.Features.Desk.Verdicts;
using FactCheck.Web.Site;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FactCheck.Tests.Components;

/// <summary>
/// The verdict form as a component, over the real service and database: its live checklist, its Markdown
/// preview and its messages at the fields, as an editor sees them before and after pressing a button.
/// </summary>
// SQLite only for now (not in the PostgreSQL pass): bUnit's one-second waits time out when the queries really await (Npgsql) on a loaded machine.
public sealed class VerdictFormTests : BunitContext, IClassFixture<DeskAppFactory>
{
    private readonly DeskAppFactory _app;

    public VerdictFormTests(DeskAppFactory app)
    {
        _app = app;
        Services.AddSingleton(new MarkdownRenderer());
        Services.AddSingleton(new VerdictDraftService(
            app.Services.GetRequiredService<IServiceScopeFactory>(),
            app.Services.GetRequiredService<SiteSettings>(),
            TimeProvider.System,
            NullLogger<VerdictDraftService>.Instance));
        AddAuthorization().SetAuthorized("bunit-editor@example.com").SetRoles(DeskRoles.Editor);

        // As in a live circuit: the form knows it is interactive.
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task The_checklist_follows_the_fields_as_they_are_typed()
    {
        var form = await RenderFormAsync("bunit-checklist");

        Assert.Contains("Missing: Rating text and value on the scale", Checklist(form), StringComparison.Ordinal);
        form.Find("#verdict-rating").Change("false");
        Assert.Contains("Done: Rating text and value on the scale", Checklist(form), StringComparison.Ordinal);

        form.Find("#verdict-claim-reviewed").Input("This is false: nobody was harmed");
        Assert.Contains("Missing: claimReviewed does not give the rating", Checklist(form), StringComparison.Ordinal);

        form.Find("#verdict-claim-reviewed").Input(new string('x', 80));
        Assert.Contains("Missing: claimReviewed under 75 characters", Checklist(form), StringComparison.Ordinal);

        form.Find("#verdict-claim-reviewed").Input("Nobody who served the old government was harmed");
        Assert.DoesNotContain("Missing:", Checklist(form), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preview_renders_Markdown_and_shows_markup_as_text()
    {
        var form = await RenderFormAsync("bunit-preview");

        form.Find("#verdict-rationale").Input("Reports of **reprisal killings**.\n\n<script>alert(1)</script> [a](javascript:alert(2))");

        var preview = form.Find("section.preview");
        Assert.Equal("reprisal killings", preview.QuerySelector("strong")!.TextContent);
        Assert.Empty(preview.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script>", preview.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(preview.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Saving_a_False_rating_without_contradicting_evidence_shows_the_message_at_the_evidence_and_saves_nothing()
    {
        var form = await RenderFormAsync("bunit-evidence-rule");
        var claimId = int.Parse(form.Find("form.verdict-form").GetAttribute("data-claim")!, System.Globalization.CultureInfo.InvariantCulture);

        form.Find("#verdict-rating").Change("false");
        form.Find("#verdict-headline").Input("A headline for the evidence rule");
        form.Find("#verdict-rationale").Input("Some rationale.");
        form.FindAll("button").Single(b => b.TextContent == "Save draft").Click();

        form.WaitForAssertion(() => Assert.Equal(
            "A rating of False needs at least one evidence item that contradicts the claim.",
            form.Find("#verdict-evidence-error").TextContent));
        // Rendered inline, not by a component per field: each child component is state that every editor's circuit
        // keeps for as long as the tab is open (docs/performance/circuit-memory.md).
        Assert.Empty(form.FindComponents<FactCheck.Web.Components.Shared.FieldError>());
        Assert.Equal("field__error", form.Find("#verdict-evidence-error").ClassName);
        Assert.Contains("Nothing was saved", form.Find("[role=status]").TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await _app.QueryAsync(db => db.Verdicts.CountAsync(v => v.ClaimId == claimId)));

        form.FindAll("input[type=checkbox]").Single(c => form.Find($"label[for={c.Id}]").TextContent.StartsWith("Contradicts", StringComparison.Ordinal)).Change(true);
        form.FindAll("button").Single(b => b.TextContent == "Save draft").Click();
        form.WaitForAssertion(() => Assert.Contains("Draft saved.", form.Find("[role=status]").TextContent, StringComparison.Ordinal));
        Assert.Equal(1, await _app.QueryAsync(db => db.Verdicts.CountAsync(v => v.ClaimId == claimId)));
    }

    private async Task<IRenderedComponent<VerdictForm>> RenderFormAsync(string slug)
    {
        var claim = await DeskClaims.CreateUnratedAsync(_app, slug);
        var form = Render<VerdictForm>(p => p.Add(f => f.ClaimId, claim.Id));
        form.WaitForElement("#verdict-rating");
        return form;
    }

    private static string Checklist(IRenderedComponent<VerdictForm> form) => TextNormalizer.Collapse(form.Find("section.checklist").TextContent);
}
