using System.Globalization;
using System.Text;

namespace FactCheck.Data.Text;

/// <summary>Readable URL segments: "Taliban’s “amnesty” pledge" becomes "talibans-amnesty-pledge".</summary>
public static class Slugs
{
    public const string Fallback = "item";

    public static string From(string? text, int maxLength = 80)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fallback;
        }

        var builder = new StringBuilder(text.Length);
        var pendingDash = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            // Apostrophes and quotes join words ("don't" -> "dont") rather than splitting them.
            if (c is '\'' or '"' or '‘' or '’' or '“' or '”' or '‛' or '‟' or '`' or '´' or 'ʼ')
            {
                continue;
            }

            var ascii = Transliterate(char.ToLowerInvariant(c));
            if (ascii is null)
            {
                pendingDash = builder.Length > 0;
                continue;
            }

            if (pendingDash)
            {
                builder.Append('-');
                pendingDash = false;
            }

            builder.Append(ascii);
        }

        var slug = builder.ToString();
        if (slug.Length > maxLength)
        {
            var cut = slug.LastIndexOf('-', maxLength);
            slug = cut > 0 ? slug[..cut] : slug[..maxLength];
        }

        slug = slug.Trim('-');
        return slug.Length == 0 ? Fallback : slug;
    }

    private static string? Transliterate(char c) => c switch
    {
        >= 'a' and <= 'z' or >= '0' and <= '9' => c.ToString(),
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'đ' or 'ð' => "d",
        'ł' => "l",
        'þ' => "th",
        'ı' => "i",
        _ => null,
    };
}
