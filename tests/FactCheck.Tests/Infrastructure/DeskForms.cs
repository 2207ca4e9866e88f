using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace FactCheck.Tests.Infrastructure;

/// <summary>
/// The desk's claim edit form as the HTTP tests post it. Apart from <see cref="DeskClaims"/> because the browser
/// tests link that file and have no HTML parser.
/// </summary>
public static class DeskForms
{
    /// <summary>
    /// What a browser posts from the desk's claim edit form: every text field as the page filled it (FormSession
    /// sends only the fields it is given), with <paramref name="typed"/> over them. An unticked box is not sent.
    /// </summary>
    public static Dictionary<string, string> EditFormAsBrowser(IHtmlDocument page, Dictionary<string, string> typed)
    {
        var form = Assert.Single(page.Forms, f => f.QuerySelectorAll("button").Any(b => b.TextContent.Trim() == "Save the claim"));
        var values = new Dictionary<string, string>();
        foreach (var label in form.QuerySelectorAll<IHtmlLabelElement>("label"))
        {
            var value = page.GetElementById(label.HtmlFor!) switch
            {
                IHtmlInputElement { Type: "text" } input => input.Value,
                IHtmlTextAreaElement area => area.Value,
                _ => null,
            };
            if (value is not null)
            {
                values[label.TextContent.Trim()] = value;
            }
        }

        foreach (var (label, value) in typed)
        {
            values[label] = value;
        }

        return values;
    }
}
