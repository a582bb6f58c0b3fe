using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Storage.Notifications;
using Microsoft.Extensions.Options;

namespace DevPlatform.Core.Teams.Invitations;

/// <summary>
/// Invitations to a team: made, resent and revoked by Owners and Admins, answered through their link by whoever holds it.
/// Answering is a compare-and-swap from Pending, so of two concurrent accepts exactly one wins; the accept owes the
/// joining (<see cref="JoinTeam"/>), which the convergence mechanism completes if the process dies.
/// </summary>
public sealed class InvitationService(IDocumentStore documents, TeamRecords teams, TeamDirectory directory, AccessControl access, ActivityLog activity,
    OwedWorkRunner owedWork, INotificationBus notifications, IOptions<TeamOptions> options, TimeProvider time)
{
    public const string Table = "invitations";
    public const string ByTeam = "by-team";
    public const string TargetType = "team_invitation";
    private const string NotFound = "No such invitation.";

    /// <summary>Pending invitations are listed by team; answered ones leave the index.</summary>
    public static readonly TableDefinition TableDefinition = new(Table, new IndexDefinition(ByTeam, "gsi1pk", "gsi1sk"), OwedWorkRunner.Index);

    /// <param name="requestBase">This app's address as the request reached it; <see cref="TeamOptions.PublicBaseUrl"/> wins when set.</param>
    public async Task<IssuedInvitation> InviteAsync(Actor actor, string teamId, string? email, TeamRole role, Uri requestBase, CancellationToken ct = default)
    {
        var address = TeamRules.NormalizeEmail(email);
        var me = await access.RequireAsync(actor, teamId, TeamPermission.ManageMembers, "No such team.", ct);
        if (TeamRules.WhyCannotGrant(me.Role, role) is { } why) throw new ForbiddenException(why);
        var team = await teams.GetAsync(teamId, ct) ?? throw new NotFoundException("No such team.");
        if (team.Members.Any(m => string.Equals(m.Email, address, StringComparison.OrdinalIgnoreCase)))
            throw new ConflictException($"{address} is already a member of {team.Name}.");
        var pending = await ListPendingAsync(teamId, ct);
        if (pending.Any(i => i.Email == address && !i.IsExpired(time.GetUtcNow())))
            throw new ConflictException($"{address} already has a pending invitation; resend it to get a new link.");
        if (pending.Count >= options.Value.MaxPendingInvitations)
            throw new ConflictException($"The team has {pending.Count} pending invitations, the most it may have; revoke some first.");

        var now = time.GetUtcNow();
        var id = Ids.New("inv");
        var invitation = new Invitation(id, teamId, team.Name, address, role, actor.UserId, me.DisplayName, now, now + options.Value.InvitationLifetime,
            InvitationStatus.Pending, 1);
        var (token, hash) = InvitationTokens.Issue(id);
        var record = activity.Prepare(actor, teamId, ActivityActions.InvitationSent, TargetType, id, address, null, Summary(invitation));
        var item = owedWork.Owing(ToItem(new StoredInvitation(invitation, hash), 1), null, [new RecordActivity(record)]);
        await documents.PutAsync(Table, item, WriteCondition.IfAbsent, ct);
        await owedWork.CompleteAsync(Table, item);
        return await SendAsync(invitation, token, requestBase, ct);
    }

    /// <summary>A new link and a new expiry; the old link stops working at once.</summary>
    public async Task<IssuedInvitation> ResendAsync(Actor actor, string teamId, string invitationId, Uri requestBase, CancellationToken ct = default)
    {
        string token = "";
        var invitation = await ChangeAsync(actor, teamId, invitationId, (stored, me) =>
        {
            if (stored.Invitation.Status != InvitationStatus.Pending) throw new ConflictException($"This invitation was {Words(stored.Invitation.Status)}; invite again instead.");
            if (TeamRules.WhyCannotGrant(me.Role, stored.Invitation.Role) is { } why) throw new ForbiddenException(why);
            var now = time.GetUtcNow();
            (token, var hash) = InvitationTokens.Issue(invitationId);
            var resent = stored.Invitation with { ExpiresAt = now + options.Value.InvitationLifetime };
            return (new StoredInvitation(resent, hash), ActivityActions.InvitationResent);
        }, ct);
        return await SendAsync(invitation, token, requestBase, ct);
    }

    public Task<Invitation> RevokeAsync(Actor actor, string teamId, string invitationId, CancellationToken ct = default) =>
        ChangeAsync(actor, teamId, invitationId, (stored, me) =>
        {
            if (stored.Invitation.Status != InvitationStatus.Pending) throw new ConflictException($"This invitation was already {Words(stored.Invitation.Status)}.");
            if (TeamRules.WhyCannotGrant(me.Role, stored.Invitation.Role) is { } why) throw new ForbiddenException(why);
            return (stored with { Invitation = stored.Invitation with { Status = InvitationStatus.Revoked, RespondedBy = actor.UserId, RespondedAt = time.GetUtcNow() } },
                ActivityActions.InvitationRevoked);
        }, ct);

    /// <summary>The team's pending invitations, newest first, including expired ones (which can be resent).</summary>
    public async Task<IReadOnlyList<Invitation>> ListAsync(Actor actor, string teamId, CancellationToken ct = default)
    {
        await access.RequireAsync(actor, teamId, TeamPermission.ManageMembers, "No such team.", ct);
        return await ListPendingAsync(teamId, ct);
    }

    /// <summary>What the link names: anyone may ask, signed in or not; the page shows the answer.</summary>
    public async Task<InvitationCheck> CheckAsync(string? token, CancellationToken ct = default) => (await ReadAsync(token, ct)).Check;

    private async Task<(InvitationCheck Check, DocumentItem? Item)> ReadAsync(string? token, CancellationToken ct)
    {
        if (InvitationTokens.Parse(token) is not { } parsed) return (new InvitationCheck(InvitationState.Unknown, null), null);
        var item = await documents.GetAsync(Table, Key(parsed.InvitationId), ct);
        if (item is null) return (new InvitationCheck(InvitationState.Unknown, null), null);
        var stored = DocumentJson.Deserialize<StoredInvitation>(item.Body);
        var invitation = stored.Invitation;
        var state = !InvitationTokens.Matches(parsed.Secret, stored.SecretHash) ? InvitationState.Replaced
            : invitation.Status switch
            {
                InvitationStatus.Accepted => InvitationState.Accepted,
                InvitationStatus.Declined => InvitationState.Declined,
                InvitationStatus.Revoked => InvitationState.Revoked,
                _ when invitation.IsExpired(time.GetUtcNow()) => InvitationState.Expired,
                _ => InvitationState.Open,
            };
        // An old link (or a made-up secret beside a known id) says which team and role it was for, nothing about who.
        var shown = state != InvitationState.Replaced ? invitation
            : invitation with { Email = "", InvitedBy = "", InvitedByName = "", Status = InvitationStatus.Pending, RespondedBy = null, RespondedAt = null };
        return (new InvitationCheck(state, shown), item);
    }

    /// <summary>Joins the team with the invited role. Accepting again as the same person (a second tab) answers the same.</summary>
    public async Task<Invitation> AcceptAsync(Actor actor, string? token, CancellationToken ct = default)
    {
        var profile = await directory.EnsureUserAsync(actor, ct);
        var team = await TeamOfAsync(token, ct);
        return await AnswerAsync(actor, token, InvitationStatus.Accepted, stored =>
        {
            RequireUsableBy(actor, team);
            // An invitation carries its inviter's rights as they are now: one demoted or removed since cannot hand out a role.
            var inviter = team?.Member(stored.Invitation.InvitedBy);
            if (team is null || inviter is null || TeamRules.WhyCannotGrant(inviter.Role, stored.Invitation.Role) is not null)
                throw new ConflictException($"This invitation is no longer valid: whoever sent it can no longer invite as {stored.Invitation.Role}. Ask an Owner or Admin for a new one.");
            if (team.Members.Count >= options.Value.MaxMembers)
                throw new ConflictException($"{team.Name} has reached its limit of {options.Value.MaxMembers} members; ask an Owner or Admin to make room.");
            // The email the person's own sign-in vouches for, never the address the link was sent to: links get forwarded.
            var member = new TeamMember(stored.Invitation.TeamId, actor.UserId, profile.DisplayName, stored.Invitation.Role, time.GetUtcNow())
                { Email = profile.Email, PictureUrl = profile.PictureUrl };
            return [new JoinTeam(stored.Invitation.TeamId, member, stored.Invitation.Id)];
        }, ct);
    }

    public async Task<Invitation> DeclineAsync(Actor actor, string? token, CancellationToken ct = default)
    {
        var team = await TeamOfAsync(token, ct);
        return await AnswerAsync(actor, token, InvitationStatus.Declined, stored =>
        {
            RequireUsableBy(actor, team);
            var record = activity.Prepare(actor, stored.Invitation.TeamId, ActivityActions.InvitationDeclined, TargetType, stored.Invitation.Id,
                stored.Invitation.Email, Summary(stored.Invitation), null);
            return [new RecordActivity(record)];
        }, ct);
    }

    /// <summary>The team a link's invitation is for, as it is now; null for a link that names nothing.</summary>
    private async Task<Team?> TeamOfAsync(string? token, CancellationToken ct) =>
        (await CheckAsync(token, ct)).Invitation is { } named ? await teams.GetAsync(named.TeamId, ct) : null;

    /// <summary>A link stays usable for the person it was meant for: a member opening it by mistake must not use it up.</summary>
    private static void RequireUsableBy(Actor actor, Team? team)
    {
        if (team?.Member(actor.UserId) is not null)
            throw new ConflictException($"You are already a member of {team.Name}; this invitation is left for whoever it was sent to.");
    }

    private async Task<Invitation> AnswerAsync(Actor actor, string? token, InvitationStatus answer, Func<StoredInvitation, IReadOnlyList<OwedEffect>> effects,
        CancellationToken ct)
    {
        access.RequireWritable(actor);
        for (var attempt = 0; ; attempt++)
        {
            var (check, item) = await ReadAsync(token, ct);
            var invitation = check.Invitation;
            if (check.State != InvitationState.Open)
            {
                // The same person answering the same way again (a second tab, a retried request) gets the same answer.
                if (check.State != InvitationState.Replaced && invitation is not null && invitation.Status == answer && invitation.RespondedBy == actor.UserId)
                    return invitation;
                throw new ConflictException(Unusable(check.State));
            }
            var stored = DocumentJson.Deserialize<StoredInvitation>(item!.Body);
            var answered = stored with { Invitation = invitation! with { Status = answer, RespondedBy = actor.UserId, RespondedAt = time.GetUtcNow(), Version = invitation.Version + 1 } };
            // Answered, resent or revoked meanwhile (or owed work was cleared): decide again on what is stored now.
            if (await TryWriteAsync(item, owedWork.Owing(ToItem(answered, item.Version + 1), item, effects(stored)), attempt, ct)) return answered.Invitation;
        }
    }

    public static string Unusable(InvitationState state) => state switch
    {
        InvitationState.Unknown => "This invitation link is not valid. Check that you copied all of it, or ask for a new invitation.",
        InvitationState.Replaced => "This invitation was sent again with a new link; use the newest link you were sent.",
        InvitationState.Expired => "This invitation has expired. Ask a team Owner or Admin to send it again.",
        InvitationState.Revoked => "This invitation was withdrawn by the team.",
        InvitationState.Accepted => "This invitation has already been used.",
        InvitationState.Declined => "This invitation was declined.",
        _ => "This invitation can be answered.",
    };

    /// <summary>Changes an invitation of <paramref name="teamId"/> that the caller manages; another team's invitation is not found.</summary>
    private async Task<Invitation> ChangeAsync(Actor actor, string teamId, string invitationId,
        Func<StoredInvitation, TeamMember, (StoredInvitation Next, string Action)> decide, CancellationToken ct)
    {
        var me = await access.RequireAsync(actor, teamId, TeamPermission.ManageMembers, "No such team.", ct);
        for (var attempt = 0; ; attempt++)
        {
            var item = Ids.IsWellFormed("inv", invitationId) ? await documents.GetAsync(Table, Key(invitationId), ct) : null;
            var stored = item is null ? null : DocumentJson.Deserialize<StoredInvitation>(item.Body);
            if (stored is null || stored.Invitation.TeamId != teamId) throw new NotFoundException(NotFound);
            var (next, action) = decide(stored, me);
            var changed = next with { Invitation = next.Invitation with { Version = stored.Invitation.Version + 1 } };
            var record = activity.Prepare(actor, stored.Invitation.TeamId, action, TargetType, invitationId, stored.Invitation.Email,
                Summary(stored.Invitation), Summary(changed.Invitation));
            if (await TryWriteAsync(item!, owedWork.Owing(ToItem(changed, item!.Version + 1), item, [new RecordActivity(record)]), attempt, ct))
                return changed.Invitation;
        }
    }

    /// <summary>
    /// Writes <paramref name="next"/> if the invitation is still at the revision read, then completes what it owes.
    /// False when it changed meanwhile (the caller reads and decides again), until the last attempt, which throws.
    /// </summary>
    private async Task<bool> TryWriteAsync(DocumentItem read, DocumentItem next, int attempt, CancellationToken ct)
    {
        try
        {
            await documents.PutAsync(Table, next, WriteCondition.IfVersion(read.Version), ct);
        }
        catch (ConditionalWriteFailedException) when (attempt < 5)
        {
            return false;
        }
        await owedWork.CompleteAsync(Table, next);
        return true;
    }

    /// <summary>
    /// Publishes the link to the team-invitations topic. Not owed work, since owed work is stored and the link's secret
    /// must not be: if the process dies between storing and publishing, the inviter still has the link and can resend.
    /// </summary>
    private async Task<IssuedInvitation> SendAsync(Invitation invitation, string token, Uri requestBase, CancellationToken ct)
    {
        var baseUrl = string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? requestBase.GetLeftPart(UriPartial.Authority) : options.Value.PublicBaseUrl.TrimEnd('/');
        var link = $"{baseUrl}/invitations/{token}";
        await notifications.PublishAsync(new Notification(Topics.TeamInvitations, "team_invitation", DocumentJson.Serialize(new
        {
            email = invitation.Email, teamId = invitation.TeamId, teamName = invitation.TeamName, role = invitation.Role,
            invitedBy = invitation.InvitedByName, acceptLink = link, expiresAt = invitation.ExpiresAt, invitationId = invitation.Id,
        })) { Attributes = new Dictionary<string, string> { ["teamId"] = invitation.TeamId, ["email"] = invitation.Email } }, ct);
        return new IssuedInvitation(invitation, token, link, options.Value.MailChannelConfigured);
    }

    private async Task<IReadOnlyList<Invitation>> ListPendingAsync(string teamId, CancellationToken ct)
    {
        var page = await documents.QueryAsync(Table, new DocumentQuery($"TEAM#{teamId}")
        {
            IndexName = ByTeam, Descending = true, Limit = options.Value.MaxPendingInvitations + 1,
        }, ct);
        // The index may lag an answer or a resend: the items as stored now say what each invitation is.
        var current = page.Items.Count == 0 ? [] : await documents.BatchGetAsync(Table, page.Items.Select(i => i.Key).ToList(), ct);
        return current.Select(i => DocumentJson.Deserialize<StoredInvitation>(i.Body).Invitation)
            .Where(i => i.Status == InvitationStatus.Pending).OrderByDescending(i => i.CreatedAt).ToList();
    }

    private static string Words(InvitationStatus status) => status.ToString().ToLowerInvariant();

    private static string Summary(Invitation invitation) =>
        DocumentJson.Serialize(new { invitation.Email, role = invitation.Role, status = invitation.Status, invitation.ExpiresAt });

    private static DocumentKey Key(string invitationId) => new($"INVITATION#{invitationId}", "INVITATION");

    private static DocumentItem ToItem(StoredInvitation stored, long revision) =>
        new(Key(stored.Invitation.Id), DocumentJson.Serialize(stored), revision)
        {
            IndexKeys = stored.Invitation.Status != InvitationStatus.Pending ? new Dictionary<string, string>()
                : new Dictionary<string, string> { ["gsi1pk"] = $"TEAM#{stored.Invitation.TeamId}", ["gsi1sk"] = $"{stored.Invitation.CreatedAt:O}#{stored.Invitation.Id}" },
        };
}
