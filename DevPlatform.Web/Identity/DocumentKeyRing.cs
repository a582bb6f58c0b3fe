using System.Xml.Linq;
using DevPlatform.Core.Storage.Documents;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace DevPlatform.Web.Identity;

/// <summary>
/// The data-protection key ring (which signs and encrypts session cookies and antiforgery tokens), kept in the
/// deployment's documents store: the SQLite file under the data folder in embedded mode, DynamoDB in AWS mode. So
/// every instance behind a load balancer reads one ring, and an instance with other data cannot read these cookies.
/// </summary>
public sealed class DocumentKeyRing(IDocumentStore documents) : IXmlRepository
{
    private const string Partition = "DATA-PROTECTION-KEY";
    private readonly SemaphoreSlim _ensured = new(1, 1);
    private bool _ready;

    // IXmlRepository is synchronous; the framework calls it rarely (start-up, key rotation) and caches the ring.
    public IReadOnlyCollection<XElement> GetAllElements() => GetAllElementsAsync().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) => StoreElementAsync(element, friendlyName).GetAwaiter().GetResult();

    private async Task<IReadOnlyCollection<XElement>> GetAllElementsAsync()
    {
        await EnsureAsync();
        var elements = new List<XElement>();
        string? token = null;
        do
        {
            var page = await documents.QueryAsync(SystemTable.Name, new DocumentQuery(Partition) { Limit = 100, ContinuationToken = token });
            elements.AddRange(page.Items.Select(i => XElement.Parse(System.Text.Json.JsonSerializer.Deserialize<string>(i.Body)!)));
            token = page.ContinuationToken;
        } while (token is not null);
        return elements;
    }

    private async Task StoreElementAsync(XElement element, string friendlyName)
    {
        await EnsureAsync();
        var body = System.Text.Json.JsonSerializer.Serialize(element.ToString(SaveOptions.DisableFormatting));
        await documents.PutAsync(SystemTable.Name, new DocumentItem(new DocumentKey(Partition, friendlyName), body, 1), WriteCondition.IfAbsent);
    }

    /// <summary>The ring can be asked for before the storage initializer ran (a request racing start-up): ensure it here too.</summary>
    private async Task EnsureAsync()
    {
        if (_ready) return;
        await _ensured.WaitAsync();
        try
        {
            if (!_ready) await documents.EnsureTablesAsync([]);
            _ready = true;
        }
        finally
        {
            _ensured.Release();
        }
    }
}
