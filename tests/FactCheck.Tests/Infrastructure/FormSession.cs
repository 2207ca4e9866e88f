using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace FactCheck.Tests.Infrastructure;

/// <summary>
/// One browser's worth of HTTP: it keeps cookies and, like a browser, submits a page's form with the hidden
/// fields the page put in it (the antiforgery token, Blazor's form name). Redirects are shown, not followed.
/// </summary>
public sealed class FormSession : IDisposable
{
    private readonly HttpClient _client;

    public FormSession(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = Cookies }) { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(new Uri(path, UriKind.Relative));

    public async Task<IHtmlDocument> GetPageAsync(string path)
    {
        using var response = await GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} returned {(int)response.StatusCode}");
        return Html.Parse(body);
    }

    /// <summary>Fills the page's only form with <paramref name="fieldsByLabel"/> by label text and submits it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, IReadOnlyDictionary<string, string> fieldsByLabel, string button)
    {
        var page = await GetPageAsync(path);
        var form = Assert.Single(page.Forms, f => f.QuerySelector("input[type=password]") is not null);
        Assert.NotNull(form.QuerySelectorAll("button").SingleOrDefault(b => b.TextContent.Trim() == button));
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (label, value) in fieldsByLabel)
        {
            var labelElement = Assert.Single(page.QuerySelectorAll<IHtmlLabelElement>("label"), l => l.TextContent.Trim() == label);
            var input = Assert.IsAssignableFrom<IHtmlInputElement>(page.GetElementById(labelElement.HtmlFor!));
            values[input.Name!] = value;
        }

        return await PostAsync(path, values);
    }

    /// <summary>
    /// Submits the form of <paramref name="page"/> (fetched from <paramref name="path"/>) whose button reads
    /// <paramref name="button"/>, with its hidden fields and <paramref name="fieldsByLabel"/> typed into the
    /// inputs or text areas those labels name, to the form's own action as a browser would.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string path, IHtmlDocument page, string button, IReadOnlyDictionary<string, string> fieldsByLabel)
    {
        var form = Assert.Single(page.Forms, f => f.QuerySelectorAll("button").Any(b => b.TextContent.Trim() == button));
        var values = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").ToDictionary(i => i.Name!, i => i.Value);

        // Like a browser, send each list's selected option (the first when none is marked selected).
        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select").Where(s => !string.IsNullOrEmpty(s.Name)))
        {
            var option = select.Options.FirstOrDefault(o => o.IsSelected) ?? (select.Options.Length > 0 ? select.Options[0] : null);
            if (option is not null)
            {
                values[select.Name!] = option.Value;
            }
        }

        // A browser sends the name and value of the button that submitted the form, when it has a name.
        var pressed = form.QuerySelectorAll<IHtmlButtonElement>("button").First(b => b.TextContent.Trim() == button);
        if (!string.IsNullOrEmpty(pressed.Name))
        {
            values[pressed.Name] = pressed.Value;
        }
        foreach (var (label, value) in fieldsByLabel)
        {
            var labelElement = Assert.Single(form.QuerySelectorAll<IHtmlLabelElement>("label"), l => l.TextContent.Trim() == label);
            var control = page.GetElementById(labelElement.HtmlFor!);
            var name = control switch
            {
                IHtmlInputElement input => input.Name,
                IHtmlTextAreaElement area => area.Name,
                _ => null,
            };
            Assert.NotNull(name);
            values[name] = value;
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? path : form.GetAttribute("action")!;
        return await PostAsync(action, values);
    }

    public Task<HttpResponseMessage> PostAsync(string path, IReadOnlyDictionary<string, string> values) =>
        _client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(values));

    public void Dispose() => _client.Dispose();
}
