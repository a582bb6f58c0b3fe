using System.Security.Cryptography;

namespace DevPlatform.Core.Storage.Documents;

/// <summary>
/// The deployment's own records, kept in the documents store so every instance shares them: secrets (the key that
/// signs continuation tokens) and the data-protection key ring. Every store ensures this table with the others.
/// </summary>
public static class SystemTable
{
    public const string Name = "system";

    public static readonly TableDefinition Definition = new(Name);

    /// <summary>
    /// The named 32-byte secret, created on first use. Instances starting together race on a create-if-absent and all
    /// end up with the one that was stored first.
    /// </summary>
    public static async Task<byte[]> SecretAsync(IDocumentStore store, string name, CancellationToken ct)
    {
        var key = new DocumentKey($"SECRET#{name}", "SECRET");
        if (await store.GetAsync(Name, key, ct) is { } existing) return Convert.FromBase64String(existing.Body.Trim('"'));
        try
        {
            await store.PutAsync(Name, new DocumentItem(key, $"\"{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}\"", 1),
                WriteCondition.IfAbsent, ct);
        }
        catch (ConditionalWriteFailedException)
        {
            // Another instance stored it first: use theirs, read below.
        }
        var stored = await store.GetAsync(Name, key, ct) ?? throw new InvalidOperationException($"The secret '{name}' could not be stored.");
        return Convert.FromBase64String(stored.Body.Trim('"'));
    }
}
