namespace FactCheck.Data.Entities;

/// <summary>Groups claims over time, such as the Taliban's amnesty pledges from 2018 to 2021.</summary>
public class Topic
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public List<Claim> Claims { get; set; } = [];
}
