using DevPlatform.Core.Common;
using DevPlatform.Core.Documentation;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Uploads;
using DevPlatform.Web.Components.Shared;
using DevPlatform.Web.Identity;
using MudBlazor;

namespace DevPlatform.Web.Components.Pages.Documentation;

/// <summary>
/// The state of the Documentation page: the team's projects, the chosen project's tree, the open page (read, edit,
/// history, attachments) and search. Refusals from Core become <see cref="Error"/> or a returned message.
/// </summary>
public sealed class DocumentationScreen(ProjectService projects, DocumentService documents, DocumentHistory history, DocumentSearch search,
    AttachmentService attachments, CurrentUser currentUser)
{
    private Actor? _actor;

    public IReadOnlyList<Project> Projects { get; private set; } = [];
    public string? ProjectId { get; private set; }
    public TeamRole? Role { get; private set; }
    public bool CanWrite => Role is { } role && AccessControl.Allows(role, TeamPermission.Write);
    public bool CanDelete => Role is { } role && AccessControl.Allows(role, TeamPermission.Delete);
    public string? WhyCannotWrite => Loading && Role is null ? null : RoleGate.WhyNot(Role, TeamPermission.Write);
    public string? WhyCannotDelete => Loading && Role is null ? null : RoleGate.WhyNot(Role, TeamPermission.Delete);

    public IReadOnlyList<DocumentTreeNode> Tree { get; private set; } = [];
    public IReadOnlyList<TreeItemData<string>> TreeItems { get; private set; } = [];
    public bool Loading { get; private set; } = true;
    public string? Error { get; private set; }

    public Document? Open { get; private set; }
    public bool OpenLoading { get; private set; }
    public IReadOnlyList<DocumentVersionSummary> Versions { get; private set; } = [];
    public DocumentVersion? ViewedVersion { get; private set; }
    public IReadOnlyList<Attachment> Attachments { get; private set; } = [];

    public string SearchText { get; private set; } = "";
    public IReadOnlyList<DocumentSearchHit>? SearchHits { get; private set; }
    public bool Searching { get; private set; }

    /// <summary>Folders of the project, for the move dialog: (id, path).</summary>
    public IEnumerable<(string Id, string Path)> Folders() => FoldersOf(Tree, "");

    public async Task InitializeAsync(string? projectId)
    {
        _actor = await currentUser.GetActorAsync();
        var teamId = await currentUser.GetTeamIdAsync();
        try
        {
            Role = (await currentUser.GetMembershipAsync(teamId)).Role;
            Projects = (await projects.ListAsync(Actor, teamId, new ProjectListQuery { PageSize = ProjectRules.MaxPageSize })).Items;
        }
        catch (Exception e) when (DomainCall.MessageOf(e) is { } message)
        {
            Error = message;
        }
        ProjectId = Projects.FirstOrDefault(p => p.Id == projectId)?.Id ?? Projects.FirstOrDefault()?.Id;
        if (projectId is not null && ProjectId != projectId) Error = "That project is not one of your team's; showing another.";
        await LoadTreeAsync();
    }

    public async Task SelectProjectAsync(string? projectId)
    {
        ProjectId = projectId;
        Open = null;
        SearchHits = null;
        SearchText = "";
        await LoadTreeAsync();
    }

    public async Task LoadTreeAsync()
    {
        if (ProjectId is null)
        {
            Loading = false;
            return;
        }
        Loading = true;
        var result = await DomainCall.RunAsync(() => documents.ListTreeAsync(Actor, ProjectId));
        if (result.Succeeded) SetTree(result.Value!);
        else Error = result.Error;
        Loading = false;
    }

    public async Task OpenAsync(string? documentId)
    {
        if (documentId is null || documentId == Open?.Id) return;
        OpenLoading = true;
        ViewedVersion = null;
        var result = await DomainCall.RunAsync(async () =>
        {
            var document = await documents.GetAsync(Actor, documentId);
            var files = document.Kind == DocumentKind.Page ? await attachments.ListAsync(Actor, documentId) : [];
            return (document, files);
        });
        OpenLoading = false;
        if (!result.Succeeded)
        {
            Error = result.Error;
            return;
        }
        (Open, Attachments) = result.Value;
        Versions = [];
    }

    /// <returns>null when created (and opened), else the message to show.</returns>
    public async Task<string?> CreateAsync(DocumentKind kind, string title, string? parentId)
    {
        var result = await DomainCall.RunAsync(() => documents.CreateAsync(Actor, ProjectId!, new DocumentInput(title, "", parentId, kind)));
        if (!result.Succeeded) return result.Error;
        await LoadTreeAsync();
        if (kind == DocumentKind.Page) await OpenAsync(result.Value!.Id);
        return null;
    }

    /// <returns>null when saved, else the message to show (a conflict says someone else saved first).</returns>
    public async Task<string?> SaveAsync(string title, string content, string? message)
    {
        var open = Open!;
        var result = await DomainCall.RunAsync(() => documents.SaveAsync(Actor, open.Id, title, content, open.Version, message));
        if (!result.Succeeded) return result.Error;
        Open = result.Value;
        Versions = [];
        if (title != open.Title) await LoadTreeAsync();
        return null;
    }

    public Task<string?> RenameAsync(string title) => SaveAsync(title, Open!.Content, Open.Kind == DocumentKind.Page ? "Renamed" : null);

    public async Task<string?> MoveAsync(string? parentId)
    {
        var open = Open!;
        var result = await DomainCall.RunAsync(() => documents.MoveAsync(Actor, open.Id, parentId, open.Version));
        if (!result.Succeeded) return result.Error;
        Open = result.Value;
        await LoadTreeAsync();
        return null;
    }

    public async Task<string?> DeleteAsync()
    {
        var open = Open!;
        var error = await DomainCall.RunAsync(() => documents.DeleteAsync(Actor, open.Id, open.Version));
        if (error is not null) return error;
        Open = null;
        await LoadTreeAsync();
        return null;
    }

    public async Task LoadVersionsAsync()
    {
        var result = await DomainCall.RunAsync(() => history.ListAsync(Actor, Open!.Id));
        if (result.Succeeded) Versions = result.Value!;
        else Error = result.Error;
    }

    public async Task ViewVersionAsync(long number)
    {
        var result = await DomainCall.RunAsync(() => history.GetAsync(Actor, Open!.Id, number));
        if (result.Succeeded) ViewedVersion = result.Value;
        else Error = result.Error;
    }

    public void CloseVersion() => ViewedVersion = null;

    public async Task<string?> RestoreAsync(long number)
    {
        var open = Open!;
        var result = await DomainCall.RunAsync(() => history.RestoreAsync(Actor, open.Id, number, open.Version));
        if (!result.Succeeded) return result.Error;
        Open = result.Value;
        ViewedVersion = null;
        await LoadVersionsAsync();
        await LoadTreeAsync();
        return null;
    }

    public async Task SearchAsync(string? text)
    {
        SearchText = text ?? "";
        if (string.IsNullOrWhiteSpace(SearchText) || ProjectId is null)
        {
            SearchHits = null;
            return;
        }
        Searching = true;
        var result = await DomainCall.RunAsync(() => search.SearchAsync(Actor, ProjectId, SearchText));
        Searching = false;
        if (result.Succeeded) SearchHits = result.Value;
        else Error = result.Error;
    }

    /// <summary>The streaming route the upload component sends a file for the open page to.</summary>
    public string AttachmentUploadUrl(string fileName) => Open is null ? ""
        : $"api/documentation/{Uri.EscapeDataString(Open.Id)}/attachments?fileName={Uri.EscapeDataString(fileName)}";

    /// <summary>After the browser stored a file: lists the open page's attachments again, the new one first.</summary>
    public async Task AttachmentUploadedAsync()
    {
        if (Open is not { Kind: DocumentKind.Page } open) return;
        var result = await DomainCall.RunAsync(() => attachments.ListAsync(Actor, open.Id));
        if (!result.Succeeded) Error = result.Error;
        else if (Open?.Id == open.Id) Attachments = result.Value!;
    }

    public async Task<string?> UrlAsync(Attachment attachment)
    {
        var result = await DomainCall.RunAsync(() => attachments.GetUrlAsync(Actor, attachment.DocumentId, attachment.Id));
        if (result.Succeeded) return result.Value.Url.OriginalString;
        Error = result.Error;
        return null;
    }

    public async Task<string?> DeleteAttachmentAsync(Attachment attachment)
    {
        var error = await DomainCall.RunAsync(() => attachments.DeleteAsync(Actor, attachment.DocumentId, attachment.Id));
        if (error is null) Attachments = Attachments.Where(a => a.Id != attachment.Id).ToList();
        return error;
    }

    public void ClearError() => Error = null;

    private void SetTree(IReadOnlyList<DocumentTreeNode> tree)
    {
        Tree = tree;
        TreeItems = Items(tree);
    }

    private static List<TreeItemData<string>> Items(IReadOnlyList<DocumentTreeNode> nodes) => nodes.Select(n => new TreeItemData<string>
    {
        Value = n.Id,
        Text = n.Title,
        Icon = n.Kind == DocumentKind.Folder ? Icons.Material.Filled.Folder : Icons.Material.Outlined.Description,
        Expanded = true,
        Expandable = n.Kind == DocumentKind.Folder && n.Children.Count > 0,
        Children = n.Children.Count == 0 ? null : Items(n.Children),
    }).ToList();

    private static IEnumerable<(string Id, string Path)> FoldersOf(IReadOnlyList<DocumentTreeNode> nodes, string prefix) =>
        nodes.Where(n => n.Kind == DocumentKind.Folder)
            .SelectMany(n => new[] { (n.Id, prefix + n.Title) }.Concat(FoldersOf(n.Children, prefix + n.Title + " / ")));

    private Actor Actor => _actor ?? throw new InvalidOperationException("InitializeAsync was not called.");
}
