using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FactCheck.Data.KeyRing;

/// <summary>
/// The Data Protection key ring in the site's own database (table DataProtectionKeys), so that every instance
/// serving it signs and reads the same cookies and antiforgery tokens. It stands in for the framework's
/// EntityFrameworkCoreXmlRepository, which saves with the synchronous SaveChanges that
/// <see cref="FactCheckDbContext"/> refuses (IXmlRepository is synchronous, so this one is too).
/// A key is not a record of the archive: no revision, search entry or cache eviction follows from it, so it is
/// inserted outside the save pipeline, in one statement of its own.
/// </summary>
public sealed class DatabaseKeyRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FactCheckDbContext>();
        var stored = db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml).ToList();
        return stored.Where(xml => !string.IsNullOrWhiteSpace(xml)).Select(xml => XElement.Parse(xml!)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FactCheckDbContext>();
        var xml = element.ToString(SaveOptions.DisableFormatting);
        db.Database.ExecuteSql($"""INSERT INTO "DataProtectionKeys" ("FriendlyName", "Xml") VALUES ({friendlyName}, {xml})""");
    }
}
