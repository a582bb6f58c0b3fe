using DevPlatform.Core.Activity;
using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Uploads;

namespace DevPlatform.Core.Architecture;

/// <summary>
/// The uploaded diagram image: PNG, JPEG, WebP or SVG up to 20 MB, checked by content, stored at
/// <c>architectures/{projectId}/{architectureId}/diagram.{ext}</c>. The image is not part of a version (versions
/// describe the metadata), so an upload does not move the version number and never conflicts with an editor's save.
/// </summary>
public sealed partial class ArchitectureService : IBlobReferences
{
    public const string OwnerKind = "architecture";

    public string Kind => OwnerKind;

    /// <summary>Where an architecture's files live: <c>architectures/{projectId}/{architectureId}/</c>.</summary>
    public static string FolderOf(string projectId, string architectureId) => $"architectures/{projectId}/{architectureId}/";

    /// <summary>
    /// Stores the diagram (replacing any earlier one) and points the architecture at it. Access is checked before a byte
    /// is stored; a replace with another type owes the deletion of the old object.
    /// </summary>
    /// <param name="projectId">When given, an architecture of another project is not found.</param>
    /// <exception cref="ValidationFailedException">Empty, not PNG/JPEG/WebP/SVG, or not what the declared type says; nothing stored.</exception>
    /// <exception cref="PayloadTooLargeException">Over 20 MB; nothing stored.</exception>
    public async Task<ArchitectureDesign> UploadDiagramAsync(Actor actor, string id, string? projectId, UploadSource source, CancellationToken ct = default)
    {
        var (_, design) = await LoadAsync(id, ct);
        await AuthorizeAsync(actor, design, projectId, TeamPermission.Write, ct);
        return await uploader.UploadAsync(source, UploadPolicy.Diagram, new UploadOwner(OwnerKind, id),
            type => FolderOf(design.ProjectId, id) + "diagram." + FileTypes.ExtensionOf(type),
            stored => ChangeAsync(actor, id, projectId, TeamPermission.Write, null, current =>
            {
                var next = current with { Diagram = new DiagramImage(stored.Key, stored.ContentType, stored.Length, time.GetUtcNow(), actor.UserId) };
                var record = activity.Prepare(actor, current.TeamId, ActivityActions.ArchitectureDiagramUploaded, TargetType, id, current.Name,
                    DescribeDiagram(current.Diagram), DescribeDiagram(next.Diagram));
                // "Unless referenced": should a later upload bring the old key back before this runs, it is kept.
                IReadOnlyList<OwedEffect> cleanUp = current.Diagram is { } old && old.Key != stored.Key
                    ? [new DiscardUpload(old.Key, OwnerKind, id)] : [];
                return new Change(next, [new RecordActivity(record), .. cleanUp]);
            }, CancellationToken.None),
            ct);
    }

    /// <exception cref="NotFoundException">The architecture has no diagram image.</exception>
    public Task<ArchitectureDesign> DeleteDiagramAsync(Actor actor, string id, string? projectId, CancellationToken ct = default) =>
        ChangeAsync(actor, id, projectId, TeamPermission.Write, null, current =>
        {
            var old = current.Diagram ?? throw new NotFoundException("This architecture has no diagram image.");
            var record = activity.Prepare(actor, current.TeamId, ActivityActions.ArchitectureDiagramDeleted, TargetType, id, current.Name,
                DescribeDiagram(old), null);
            return new Change(current with { Diagram = null }, [new RecordActivity(record), new DiscardUpload(old.Key, OwnerKind, id)]);
        }, ct);

    /// <summary>A time-limited download URL of the diagram image (signed by the app, or presigned by S3).</summary>
    /// <exception cref="NotFoundException">The architecture has no diagram image.</exception>
    public async Task<Uri> GetDiagramUrlAsync(Actor actor, string id, string? projectId, CancellationToken ct = default)
    {
        var design = await GetAsync(actor, id, projectId, ct);
        var diagram = design.Diagram ?? throw new NotFoundException("This architecture has no diagram image.");
        return await blobs.GetDownloadUrlAsync(diagram.Key, uploadOptions.Value.DownloadUrlLifetime, ct);
    }

    /// <summary>For the upload core's clean-up: does the architecture (not a deleted one) point at this key?</summary>
    public async Task<bool> IsReferencedAsync(string ownerId, string blobKey, CancellationToken ct)
    {
        if (!Ids.IsWellFormed("arc", ownerId)) return false;
        var item = await documents.GetAsync(Table, HeadKey(ownerId), ct);
        return item is not null && !OwedWorkRunner.IsBeingRemoved(item) && ToDesign(item).Diagram?.Key == blobKey;
    }

    private static IEnumerable<OwedEffect> DeleteFilesOf(ArchitectureDesign design) => [new DeleteBlobsUnder(FolderOf(design.ProjectId, design.Id))];

    private static string? DescribeDiagram(DiagramImage? diagram) =>
        diagram is null ? null : DocumentJson.Serialize(new { diagram.Key, diagram.ContentType, diagram.Length });
}
