using FactCheck.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FactCheck.Data.Configurations;

internal static class ReportedDateMapping
{
    /// <summary>Maps a <see cref="ReportedDate"/> to two plain columns, "{name}" and "{name}Precision", on any provider.</summary>
    public static void Map(ComplexPropertyBuilder<ReportedDate> date, string column)
    {
        date.Property(d => d.Date).HasColumnName(column);
        date.Property(d => d.Precision).HasColumnName(column + "Precision").HasConversion<string>().HasMaxLength(8);
    }
}
