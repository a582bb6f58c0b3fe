using System.Net.Mail;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;

namespace DevPlatform.Core.Teams;

/// <summary>Validation of team input and the rules of who may give or take which role, shared by the service, API and UI.</summary>
public static class TeamRules
{
    public const int NameMaxLength = 80;
    public const int EmailMaxLength = 254;

    public static string? CheckName(string? name) =>
        TextRules.Normalize(name) is var n && n.Length == 0 ? "Name is required."
        : n.Length > NameMaxLength ? $"Name must be at most {NameMaxLength} characters."
        : TextRules.HasHiddenCharacters(n) ? "Name must not contain control, invisible or direction-changing characters."
        : null;

    public static string NormalizeName(string? name) =>
        CheckName(name) is { } error ? throw new ValidationFailedException("name", error) : TextRules.Normalize(name);

    public static string? CheckEmail(string? email)
    {
        var e = (email ?? "").Trim();
        if (e.Length == 0) return "Email is required.";
        if (e.Length > EmailMaxLength) return $"Email must be at most {EmailMaxLength} characters.";
        if (e.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || !TextRules.IsWellFormed(e) || TextRules.HasHiddenCharacters(e))
            return "Email must not contain spaces or hidden characters.";
        // One address in the plain form name@domain.tld; MailAddress alone would accept "Ana <ana@x.io>".
        return MailAddress.TryCreate(e, out var parsed) && parsed.Address == e && e.IndexOf('@') is > 0 and var at
            && e.IndexOf('.', at) > at + 1 && !e.EndsWith('.')
            ? null : "Enter one email address, such as ana@example.com.";
    }

    /// <summary>Emails compare without case: the domain part is case-insensitive and nearly every mailbox is.</summary>
    public static string NormalizeEmail(string? email) =>
        CheckEmail(email) is { } error ? throw new ValidationFailedException("email", error) : email!.Trim().ToLowerInvariant();

    /// <summary>Why <paramref name="actor"/> may not give <paramref name="role"/> (by invitation or change), or null if they may.</summary>
    public static string? WhyCannotGrant(TeamRole actor, TeamRole role) =>
        !AccessControl.Allows(actor, TeamPermission.ManageMembers) ? "Only Owners and Admins manage members."
        : role == TeamRole.Owner && !AccessControl.Allows(actor, TeamPermission.ManageTeam) ? "Only an Owner can make someone an Owner."
        : null;

    /// <summary>
    /// Why <paramref name="actor"/> may not give <paramref name="target"/> <paramref name="role"/>, or null if they may.
    /// Anyone may lower their own role (the Owner rules aside); raising it, or changing others', takes managing members.
    /// </summary>
    public static string? WhyCannotChangeRole(TeamMember actor, TeamMember target, TeamRole role, Team team) =>
        target.UserId == actor.UserId && role >= actor.Role ? null
        : WhyCannotManage(actor, target, team) ?? WhyCannotGrant(actor.Role, role);

    /// <summary>Why <paramref name="actor"/> may not change or remove <paramref name="target"/>, or null if they may.</summary>
    public static string? WhyCannotManage(TeamMember actor, TeamMember target, Team team)
    {
        if (target.UserId == actor.UserId) return null;
        if (!AccessControl.Allows(actor.Role, TeamPermission.ManageMembers)) return "Only Owners and Admins manage members.";
        if (target.Role == TeamRole.Owner && actor.Role != TeamRole.Owner) return "Only an Owner can change or remove another Owner.";
        if (team.PersonalFor == target.UserId) return $"This is {target.DisplayName}'s personal team: they stay its Owner.";
        return null;
    }

    /// <summary>
    /// Why <paramref name="actor"/> may not hand the ownership of <paramref name="team"/> to <paramref name="target"/>
    /// (they would become an Owner, and the actor an Admin), or null if they may.
    /// </summary>
    public static string? WhyCannotTransferOwnership(Team team, TeamMember actor, TeamMember target) =>
        actor.Role != TeamRole.Owner ? "Only an Owner can transfer ownership."
        : target.UserId == actor.UserId ? "Choose another member to transfer ownership to."
        : team.PersonalFor == actor.UserId ? "This is your personal team: you stay its Owner. Make others Owners beside you instead."
        : target.Role == TeamRole.Owner ? $"{target.DisplayName} is already an Owner."
        : null;

    /// <summary>Why the member may not stop being an Owner (by demotion, removal or leaving), or null.</summary>
    public static string? WhyOwnerMustStay(Team team, TeamMember member) =>
        member.Role != TeamRole.Owner ? null
        : team.PersonalFor == member.UserId ? "This is your personal team: you stay its Owner."
        : team.OwnerCount <= 1 ? "A team must keep at least one Owner: make someone else an Owner (or transfer ownership) first."
        : null;
}
