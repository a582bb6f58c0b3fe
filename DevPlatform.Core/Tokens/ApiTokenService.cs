using System.Security.Cryptography;
using System.Text;
using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage.Documents;

namespace DevPlatform.Core.Tokens;

/// <summary>
/// Personal API tokens. A token reads "dp_{id}_{secret}": the id finds it by key, and the 256-bit secret, compared by
/// hash in constant time, proves it. Only the hash is stored, so the secret is shown once, when the token is made.
/// </summary>
public sealed class ApiTokenService(IDocumentStore documents, TeamDirectory directory, AccessControl access, ActivityLog activity, OwedWorkRunner owedWork,
    TimeProvider time)
{
    public const string Table = "api-tokens";
    public const string ByUser = "by-user";
    public const string TargetType = "api_token";
    public const int NameMaxLength = 60;
    public const int MaxTokensPerUser = 50;
    public const int MaxLifetimeDays = 366;
    private const string Prefix = "dp_";

    /// <summary>Last-used times are written at most this often per token, so a busy script costs no write per call.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public static readonly TableDefinition TableDefinition = new(Table, new IndexDefinition(ByUser, "gsi1pk", "gsi1sk"), OwedWorkRunner.Index);

    /// <summary>What is wrong with a token's name, or null: the service's rule, for the dialog to show as the person types.</summary>
    public static string? CheckName(string? name) =>
        TextRules.Normalize(name) is var n && n.Length == 0 ? "Name is required: say what the token is for."
        : n.Length > NameMaxLength ? $"Name must be at most {NameMaxLength} characters."
        : TextRules.HasHiddenCharacters(n) ? "Name must not contain control, invisible or direction-changing characters."
        : null;

    /// <summary>Every token of the caller, newest first: all pages, so none can exist unseen (and unrevocable) past the limit.</summary>
    public async Task<IReadOnlyList<ApiToken>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        var tokens = new List<ApiToken>();
        string? continuation = null;
        do
        {
            var page = await documents.QueryAsync(Table, new DocumentQuery($"USER#{actor.UserId}")
            {
                IndexName = ByUser, Descending = true, Limit = MaxTokensPerUser + 1, ContinuationToken = continuation,
            }, ct);
            // The index may still list a token just revoked, or its last use as it was: the items as stored now are the answer.
            var current = page.Items.Count == 0 ? [] : await documents.BatchGetAsync(Table, page.Items.Select(i => i.Key).ToList(), ct);
            tokens.AddRange(current.Where(i => !OwedWorkRunner.IsBeingRemoved(i)).Select(i => DocumentJson.Deserialize<StoredApiToken>(i.Body).Token));
            continuation = page.ContinuationToken;
        } while (continuation is not null);
        return tokens.OrderByDescending(t => t.CreatedAt).ToList();
    }

    public async Task<IssuedApiToken> CreateAsync(Actor actor, string? name, ApiTokenScope scope, int lifetimeDays, CancellationToken ct = default)
    {
        var normalized = TextRules.Normalize(name);
        var errors = new Dictionary<string, string[]>();
        if (CheckName(name) is { } nameError) errors["name"] = [nameError];
        if (lifetimeDays is < 1 or > MaxLifetimeDays) errors["expiresInDays"] = [$"A token lasts 1 to {MaxLifetimeDays} days."];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        access.RequireWritable(actor);
        if ((await ListAsync(actor, ct)).Count >= MaxTokensPerUser)
            throw new ConflictException($"You have {MaxTokensPerUser} tokens, the most one person may; revoke one first.");

        var now = time.GetUtcNow();
        var id = Ids.New("tok");
        var secret = $"{Prefix}{id["tok_".Length..]}_{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        var token = new ApiToken(id, actor.UserId, normalized, scope, now, now.AddDays(lifetimeDays), secret[..12]);
        var item = owedWork.Owing(ToItem(new StoredApiToken(token, Hash(secret)), 1), null,
            [new RecordActivity(Record(actor, ActivityActions.ApiTokenCreated, token, null, Summary(token)))]);
        await documents.PutAsync(Table, item, WriteCondition.IfAbsent, ct);
        await owedWork.CompleteAsync(Table, item);
        return new IssuedApiToken(token, secret);
    }

    /// <summary>Deletes the token: from the next request on it is refused.</summary>
    public async Task RevokeAsync(Actor actor, string tokenId, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var item = Ids.IsWellFormed("tok", tokenId) ? await documents.GetAsync(Table, Key(tokenId), ct) : null;
            var token = item is null || OwedWorkRunner.IsBeingRemoved(item) ? null : DocumentJson.Deserialize<StoredApiToken>(item.Body).Token;
            if (token is null || token.UserId != actor.UserId) throw new NotFoundException("No such token.");
            access.RequireWritable(actor);
            // A tombstone, refused from now on, and removed once its activity record is written.
            var tombstone = owedWork.Owing(item! with { Version = item!.Version + 1 }, item,
                [new RecordActivity(Record(actor, ActivityActions.ApiTokenRevoked, token, Summary(token), null))], removesItem: true);
            try
            {
                await documents.PutAsync(Table, tombstone, WriteCondition.IfVersion(item.Version), ct);
            }
            catch (ConditionalWriteFailedException) when (attempt < 5)
            {
                continue; // its last-used time moved meanwhile
            }
            await owedWork.CompleteAsync(Table, tombstone);
            return;
        }
    }

    /// <summary>The actor a bearer token acts as (read-only tokens make read-only actors), or why it is refused.</summary>
    public async Task<(Actor? Actor, string TokenId, ApiTokenRejection? Rejection)> AuthenticateAsync(string bearer, CancellationToken ct = default)
    {
        // dp_{32 hex digits of the id}_{secret}; the secret may itself contain '_'.
        var id = bearer.Length > Prefix.Length + 33 && bearer.StartsWith(Prefix, StringComparison.Ordinal) && bearer[Prefix.Length + 32] == '_'
            ? "tok_" + bearer[Prefix.Length..(Prefix.Length + 32)] : null;
        var item = Ids.IsWellFormed("tok", id) ? await documents.GetAsync(Table, Key(id!), ct) : null;
        var stored = item is null || OwedWorkRunner.IsBeingRemoved(item) ? null : DocumentJson.Deserialize<StoredApiToken>(item.Body);
        if (stored is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(bearer)), Encoding.ASCII.GetBytes(stored.SecretHash)))
            return (null, "", new ApiTokenRejection("The API token is not valid (it may have been revoked)."));
        var now = time.GetUtcNow();
        if (stored.Token.IsExpired(now)) return (null, stored.Token.Id, new ApiTokenRejection("The API token has expired; make a new one on the Team page."));
        var profile = await directory.GetProfileAsync(stored.Token.UserId, ct);
        if (profile is null) return (null, stored.Token.Id, new ApiTokenRejection("The API token's owner no longer exists."));
        if (stored.Token.LastUsedAt is not { } last || now - last >= LastUsedResolution) await TouchAsync(item!, stored, now, ct);
        return (new Actor(profile.UserId, profile.DisplayName) { Email = profile.Email, ReadOnly = stored.Token.Scope == ApiTokenScope.ReadOnly }, stored.Token.Id, null);
    }

    private async Task TouchAsync(DocumentItem item, StoredApiToken stored, DateTimeOffset now, CancellationToken ct)
    {
        var touched = stored with { Token = stored.Token with { LastUsedAt = now } };
        try
        {
            await documents.PutAsync(Table, item with { Body = DocumentJson.Serialize(touched), Version = item.Version + 1 }, WriteCondition.IfVersion(item.Version), ct);
        }
        catch (ConditionalWriteFailedException)
        {
            // A concurrent call with the same token recorded the use (or the token was revoked): nothing is lost.
        }
    }

    private ActivityRecord Record(Actor actor, string action, ApiToken token, string? before, string? after) =>
        // Tokens belong to a person, not a team: their activity goes to the person's personal team.
        activity.Prepare(actor, TeamDirectory.PersonalTeamId(actor.UserId), action, TargetType, token.Id, token.Name, before, after);

    private static string Summary(ApiToken token) => DocumentJson.Serialize(new { token.Name, scope = token.Scope, token.ExpiresAt });

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static DocumentKey Key(string tokenId) => new($"TOKEN#{tokenId}", "TOKEN");

    private static DocumentItem ToItem(StoredApiToken stored, long revision) =>
        new(Key(stored.Token.Id), DocumentJson.Serialize(stored), revision)
        {
            IndexKeys = new Dictionary<string, string> { ["gsi1pk"] = $"USER#{stored.Token.UserId}", ["gsi1sk"] = $"{stored.Token.CreatedAt:O}#{stored.Token.Id}" },
        };
}
