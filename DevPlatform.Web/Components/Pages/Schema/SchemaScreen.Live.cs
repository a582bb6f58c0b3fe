using DevPlatform.Core.Activity;
using DevPlatform.Core.Schemas;
using DevPlatform.Web.Components.Shared;

namespace DevPlatform.Web.Components.Pages.Schema;

/// <summary>Live updates: what the page does when someone else changes a schema of the team.</summary>
public sealed partial class SchemaScreen
{
    /// <summary>
    /// Applies someone else's change: the list is read again, and the open schema follows unless the person has unsaved
    /// changes (their save will then say who saved what, and keep their draft). Returns what to tell the person, or null.
    /// </summary>
    public async Task<string?> ApplyActivityAsync(ActivityRecord record)
    {
        if (record.TargetType == DevPlatform.Core.Teams.TeamMembership.TargetType && record.TargetId == UserId && TeamId is not null)
        {
            Role = (await DomainCall.RunAsync(() => currentUser.GetMembershipAsync(TeamId))).Value?.Role;
            return null;
        }
        if (record.TargetType != SchemaService.TargetType || record.ActorId == UserId) return null;
        var open = Current?.Id == record.TargetId;
        if (open && record.Action == ActivityActions.SchemaDeleted)
        {
            Close();
            Items = Items.Where(i => i.Id != record.TargetId).ToList();
            return $"{record.ActorName} deleted the schema “{record.TargetName}”.";
        }
        if (Items.Any(i => i.Id == record.TargetId) || record.Action == ActivityActions.SchemaCreated) await ReloadAsync();
        if (!open) return null;
        if (IsDirty) return $"{record.ActorName} saved a new version of “{record.TargetName}”. Your unsaved changes stay; saving them will show what changed.";
        await OpenAsync(record.TargetId);
        return $"{record.ActorName} saved a new version of “{record.TargetName}”; showing it.";
    }
}
