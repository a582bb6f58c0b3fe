using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage.Blobs;
using DevPlatform.Core.Uploads;
using Microsoft.Extensions.Options;

namespace DevPlatform.Core.Settings;

/// <summary>
/// Uploaded profile pictures: JPEG, PNG or WebP up to 5 MB, checked by content, stored under
/// profile-pictures/{userId}/{timestamp}.{ext}. Each upload is a new key, so a replace never overwrites the picture
/// others are looking at; the old object is deleted as work the profile write owes.
/// </summary>
public sealed class ProfilePictureService(SettingsService settings, BlobUploader uploader, IBlobStore blobs, TeamDirectory directory,
    AccessControl access, IOptions<UploadOptions> options, TimeProvider time) : IBlobReferences
{
    public const string OwnerKind = "profile-picture";

    public string Kind => OwnerKind;

    /// <exception cref="ValidationFailedException">Empty, not a JPEG/PNG/WebP, or not what the declared type says.</exception>
    /// <exception cref="PayloadTooLargeException">Over 5 MB; nothing was stored.</exception>
    public async Task<UserSettings> UploadAsync(Actor actor, UploadSource source, CancellationToken ct = default)
    {
        access.RequireWritable(actor);
        var uploadedAt = time.GetUtcNow();
        return await uploader.UploadAsync(source, UploadPolicy.ProfilePicture, new UploadOwner(OwnerKind, actor.UserId),
            type => $"profile-pictures/{KeySegment(actor.UserId)}/{uploadedAt.ToUnixTimeMilliseconds()}.{FileTypes.ExtensionOf(type)}",
            stored => settings.ChangeAsync(actor, p => p with { Picture = new UploadedPicture(stored.Key, stored.ContentType, stored.Length, uploadedAt) }, ct,
                (before, _) => before.Picture is { } old && old.Key != stored.Key ? [new DeleteBlob(old.Key)] : [],
                ActivityActions.ProfilePictureChanged),
            ct);
    }

    /// <exception cref="NotFoundException">No picture was uploaded.</exception>
    public async Task<UserSettings> DeleteAsync(Actor actor, CancellationToken ct = default)
    {
        access.RequireWritable(actor);
        return await settings.ChangeAsync(actor,
            p => p.Picture is null ? throw new NotFoundException("You have no uploaded profile picture.") : p with { Picture = null }, ct,
            (before, _) => [new DeleteBlob(before.Picture!.Key)], ActivityActions.ProfilePictureDeleted);
    }

    /// <summary>A time-limited download URL of the caller's uploaded picture.</summary>
    /// <exception cref="NotFoundException">No picture was uploaded.</exception>
    public async Task<Uri> GetUrlAsync(Actor actor, CancellationToken ct = default) =>
        await UrlForAsync(actor.UserId, ct) ?? throw new NotFoundException("You have no uploaded profile picture.");

    /// <summary>A time-limited URL of someone's uploaded picture (for avatars), or null when they have none.</summary>
    public async Task<Uri?> UrlForAsync(string userId, CancellationToken ct = default) =>
        (await directory.GetProfileAsync(userId, ct))?.Picture is { } picture
            ? await blobs.GetDownloadUrlAsync(picture.Key, options.Value.DownloadUrlLifetime, ct) : null;

    public async Task<bool> IsReferencedAsync(string ownerId, string blobKey, CancellationToken ct) =>
        (await directory.GetProfileAsync(ownerId, ct))?.Picture?.Key == blobKey;

    /// <summary>User ids come from identity providers ("auth0|123", "https://…"): escaped, they are one safe key segment.</summary>
    private static string KeySegment(string userId) => Uri.EscapeDataString(userId) switch
    {
        "." => "%2E",
        ".." => "%2E%2E",
        var escaped => escaped,
    };
}
