namespace FactCheck.Web.Features.Claims;

public static class EvidenceOrigin
{
    /// <summary>
    /// The publisher a finding reached us through, when it is not the organisation's own document: a UN report
    /// quoted by a newspaper is "cited through" the newspaper. Null when the organisation published it itself.
    /// </summary>
    public static string? CitedThrough(string organization, string sourcePublisher) =>
        string.Equals(organization.Trim(), sourcePublisher.Trim(), StringComparison.OrdinalIgnoreCase) ? null : sourcePublisher;
}
