using System.Text.Json;

namespace FactCheck.Tests.Feeds;

/// <summary>
/// A small hand-written slice of the schema.org vocabulary: the types our JSON-LD uses, each with its parent,
/// and the properties each type itself defines (a type also has its ancestors' properties). Taken from the
/// schema.org definitions:
/// https://schema.org/Thing, https://schema.org/CreativeWork, https://schema.org/Review,
/// https://schema.org/ClaimReview, https://schema.org/Claim, https://schema.org/Rating,
/// https://schema.org/Person, https://schema.org/Organization, https://schema.org/Dataset,
/// https://schema.org/DataFeed, https://schema.org/DataFeedItem, https://schema.org/Intangible,
/// https://schema.org/WebPage, https://schema.org/Article, https://schema.org/NewsArticle.
/// Only the properties we might use are listed; a property missing here fails the check until someone looks
/// it up on schema.org and adds it, which is the point.
/// </summary>
public static class SchemaOrgVocabulary
{
    private static readonly Dictionary<string, string?> Parents = new(StringComparer.Ordinal)
    {
        ["Thing"] = null,
        ["CreativeWork"] = "Thing",
        ["Intangible"] = "Thing",
        ["Review"] = "CreativeWork",
        ["ClaimReview"] = "Review",
        ["Claim"] = "CreativeWork",
        ["Rating"] = "Intangible",
        ["Person"] = "Thing",
        ["Organization"] = "Thing",
        ["Dataset"] = "CreativeWork",
        ["DataFeed"] = "Dataset",
        ["DataFeedItem"] = "Intangible",
        ["WebPage"] = "CreativeWork",
        ["Article"] = "CreativeWork",
        ["NewsArticle"] = "Article",
    };

    private static readonly Dictionary<string, string[]> OwnProperties = new(StringComparer.Ordinal)
    {
        ["Thing"] = ["name", "url", "description", "alternateName", "identifier", "image", "sameAs"],
        ["CreativeWork"] = ["author", "datePublished", "dateCreated", "dateModified", "headline", "publisher", "inLanguage", "about", "text"],
        ["Review"] = ["itemReviewed", "reviewRating", "reviewBody"],
        ["ClaimReview"] = ["claimReviewed"],
        ["Claim"] = ["appearance", "firstAppearance", "claimInterpreter"],
        ["Rating"] = ["ratingValue", "bestRating", "worstRating", "author", "ratingExplanation"],
        ["Person"] = ["jobTitle", "affiliation", "givenName", "familyName"],
        ["Organization"] = ["logo", "legalName"],
        ["Dataset"] = ["distribution"],
        ["DataFeed"] = ["dataFeedElement"],
        ["DataFeedItem"] = ["item", "dateCreated", "dateModified", "dateDeleted"],
        ["WebPage"] = ["breadcrumb", "lastReviewed"],
        ["Article"] = ["articleBody"],
        ["NewsArticle"] = ["dateline"],
        ["Intangible"] = [],
    };

    /// <summary>Every problem found in a JSON-LD node and everything inside it; empty when it conforms.</summary>
    public static IReadOnlyList<string> Check(JsonElement node)
    {
        var problems = new List<string>();
        CheckNode(node, "$", problems);
        return problems;
    }

    public static bool HasProperty(string type, string property)
    {
        for (var t = type; t is not null; t = Parents[t])
        {
            if (OwnProperties[t].Contains(property, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckNode(JsonElement node, string path, List<string> problems)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in node.EnumerateArray())
            {
                CheckNode(item, $"{path}[{i++}]", problems);
            }

            return;
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (!node.TryGetProperty("@type", out var typeElement) || typeElement.GetString() is not { } type)
        {
            problems.Add($"{path}: an object without @type");
            return;
        }

        if (!Parents.ContainsKey(type))
        {
            problems.Add($"{path}: @type {type} is not a schema.org type we know");
            return;
        }

        foreach (var property in node.EnumerateObject())
        {
            if (property.Name is "@type")
            {
                continue;
            }

            if (property.Name == "@context")
            {
                if (property.Value.GetString() != "https://schema.org")
                {
                    problems.Add($"{path}: @context is {property.Value}");
                }

                continue;
            }

            if (!HasProperty(type, property.Name))
            {
                problems.Add($"{path}: {type} has no property {property.Name}");
            }

            if (property.Name is "url" && property.Value.ValueKind == JsonValueKind.String && !IsAbsoluteWebUrl(property.Value.GetString()))
            {
                problems.Add($"{path}.url is not absolute: {property.Value}");
            }

            CheckNode(property.Value, $"{path}.{property.Name}", problems);
        }

        if (type == "ClaimReview")
        {
            CheckClaimReview(node, path, problems);
        }
    }

    /// <summary>On Unix, .NET reads "/claims/1" as an absolute file: URI, so the scheme is checked too.</summary>
    public static bool IsAbsoluteWebUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    private static void CheckClaimReview(JsonElement review, string path, List<string> problems)
    {
        if (!review.TryGetProperty("itemReviewed", out var item) || item.ValueKind != JsonValueKind.Object
            || !item.TryGetProperty("@type", out var itemType) || itemType.GetString() != "Claim")
        {
            problems.Add($"{path}: itemReviewed is not a Claim");
        }

        if (!review.TryGetProperty("reviewRating", out var rating))
        {
            problems.Add($"{path}: no reviewRating");
            return;
        }

        if (rating.TryGetProperty("ratingValue", out var value))
        {
            if (!rating.TryGetProperty("worstRating", out var worst) || !rating.TryGetProperty("bestRating", out var best))
            {
                problems.Add($"{path}: ratingValue without worstRating and bestRating");
            }
            else if (value.GetDouble() < worst.GetDouble() || value.GetDouble() > best.GetDouble())
            {
                problems.Add($"{path}: ratingValue {value} outside {worst}..{best}");
            }
        }

        if (!rating.TryGetProperty("alternateName", out _))
        {
            problems.Add($"{path}: reviewRating without alternateName (Google's textual rating)");
        }
    }
}
