using DevPlatform.Core.Activity;
using DevPlatform.Core.Architecture;
using DevPlatform.Web.Components.Shared;

namespace DevPlatform.Web.Components.Pages.Architecture;

/// <summary>Live updates: what the page does when someone else changes an architecture of the team.</summary>
public sealed partial class ArchitectureScreen
{
    /// <summary>
    /// Applies someone else's change: the list is read again, and the open architecture follows unless the person has
    /// unsaved changes (their save will then say it is stale). Returns what to tell the person, or null.
    /// </summary>
    public async Task<string?> ApplyActivityAsync(ActivityRecord record)
    {
        if (record.TargetType == DevPlatform.Core.Teams.TeamMembership.TargetType && record.TargetId == UserId && TeamId is not null)
        {
            Role = (await DomainCall.RunAsync(() => currentUser.GetMembershipAsync(TeamId))).Value?.Role;
            return null;
        }
        if (record.TargetType != ArchitectureService.TargetType || record.ActorId == UserId) return null;
        var open = Current?.Id == record.TargetId;
        if (open && record.Action == ActivityActions.ArchitectureDeleted)
        {
            Close();
            Items = Items.Where(i => i.Id != record.TargetId).ToList();
            return $"{record.ActorName} deleted “{record.TargetName}”.";
        }
        if (Items.Any(i => i.Id == record.TargetId) || record.Action == ActivityActions.ArchitectureCreated) await ReloadAsync();
        if (!open) return null;
        if (IsDirty) return $"{record.ActorName} changed “{record.TargetName}”. Your unsaved changes stay; saving them will ask you to revert first.";
        await OpenAsync(record.TargetId);
        return $"{record.ActorName} changed “{record.TargetName}”; showing the latest.";
    }
}
