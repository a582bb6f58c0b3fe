using DevPlatform.Core.Common;
using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Core.Identity;

/// <summary>
/// Server-side record of every signed-in browser session. A cookie names its session; signing out deletes the record,
/// so a copied cookie stops working, and "sign out everywhere" deletes all of a user's records.
/// </summary>
public sealed class SessionStore(IDocumentStore documents, TimeProvider time)
{
    public const string Table = "sessions";
    public const string ByUser = "by-user";

    public static readonly TableDefinition TableDefinition = new(Table, new IndexDefinition(ByUser, "gsi1pk", "gsi1sk"));

    public async Task<UserSession> StartAsync(string userId, string method, CancellationToken ct = default)
    {
        var session = new UserSession(Ids.New("ses"), userId, method, time.GetUtcNow());
        await documents.PutAsync(Table, new DocumentItem(Key(session.Id), DocumentJson.Serialize(session), 1)
        {
            IndexKeys = new Dictionary<string, string> { ["gsi1pk"] = $"USER#{userId}", ["gsi1sk"] = session.Id },
        }, WriteCondition.IfAbsent, ct);
        return session;
    }

    /// <returns>The session, or null when it ended (or never existed).</returns>
    public async Task<UserSession?> FindAsync(string sessionId, CancellationToken ct = default)
    {
        if (!Ids.IsWellFormed("ses", sessionId)) return null;
        var item = await documents.GetAsync(Table, Key(sessionId), ct);
        return item is null ? null : DocumentJson.Deserialize<UserSession>(item.Body);
    }

    public Task EndAsync(string sessionId, CancellationToken ct = default) =>
        Ids.IsWellFormed("ses", sessionId) ? documents.DeleteAsync(Table, Key(sessionId), WriteCondition.None, ct) : Task.CompletedTask;

    /// <returns>The ids of the sessions that were ended.</returns>
    public async Task<IReadOnlyList<string>> EndAllAsync(string userId, CancellationToken ct = default)
    {
        var ended = new List<string>();
        string? token = null;
        do
        {
            // The index may lag a fresh sign-in by a moment; the session doing this ends itself by key as well.
            var page = await documents.QueryAsync(Table, new DocumentQuery($"USER#{userId}") { IndexName = ByUser, Limit = 100, ContinuationToken = token }, ct);
            foreach (var item in page.Items)
            {
                await documents.DeleteAsync(Table, item.Key, WriteCondition.None, ct);
                ended.Add(item.Key.PartitionKey["SESSION#".Length..]);
            }
            token = page.ContinuationToken;
        } while (token is not null);
        return ended;
    }

    private static DocumentKey Key(string sessionId) => new($"SESSION#{sessionId}", "SESSION");
}

/// <param name="Method">How the session was made: <see cref="SignInMethods"/>.</param>
public sealed record UserSession(string Id, string UserId, string Method, DateTimeOffset StartedAt);

public static class SignInMethods
{
    public const string Development = "development";
    public const string OpenIdConnect = "oidc";
}
