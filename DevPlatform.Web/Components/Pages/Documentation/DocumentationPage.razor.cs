using DevPlatform.Core.Documentation;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DevPlatform.Web.Components.Pages.Documentation;

public sealed partial class DocumentationPage
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
    private bool _editing;
    private bool _history;

    [SupplyParameterFromQuery] public string? ProjectId { get; set; }

    /// <summary>A page to open at once (a link to it, or the upload benchmark).</summary>
    [SupplyParameterFromQuery] public string? DocumentId { get; set; }

    // The prerender shows the loading state and reads nothing: the live circuit reads once, so a page view is one read
    // (the tree and the open page are per-person interactive state that a persisted snapshot would mostly duplicate).
    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive) return;
        await Screen.InitializeAsync(ProjectId);
        if (DocumentId is not null) await Screen.OpenAsync(DocumentId);
    }

    private async Task SelectProjectAsync(string? projectId)
    {
        _editing = false;
        await Screen.SelectProjectAsync(projectId);
        Navigation.NavigateTo($"/documentation?projectId={Uri.EscapeDataString(projectId ?? "")}", replace: true);
    }

    private async Task OpenAsync(string? documentId)
    {
        _editing = false;
        _history = false;
        await Screen.OpenAsync(documentId);
    }

    private async Task CreateAsync(DocumentKind kind)
    {
        // A new page goes into the folder that is open (or the open page's folder), as file managers do.
        var parent = Screen.Open is { Kind: DocumentKind.Folder } folder ? folder.Id : Screen.Open?.ParentId;
        var title = kind == DocumentKind.Page ? "New page" : "New folder";
        var parameters = new DialogParameters<DocumentNameDialog> { { d => d.Save, t => Screen.CreateAsync(kind, t, parent) } };
        var dialog = await Dialogs.ShowAsync<DocumentNameDialog>(title, parameters, Options);
        if (await dialog.Result is not { Canceled: false }) return;
        Snackbar.Add(kind == DocumentKind.Page ? "Page created." : "Folder created.", Severity.Success);
        _editing = kind == DocumentKind.Page;
    }

    private async Task RenameAsync()
    {
        var parameters = new DialogParameters<DocumentNameDialog> { { d => d.Title, Screen.Open!.Title }, { d => d.SaveText, "Rename" }, { d => d.Save, Screen.RenameAsync } };
        var dialog = await Dialogs.ShowAsync<DocumentNameDialog>("Rename", parameters, Options);
        if (await dialog.Result is { Canceled: false }) Snackbar.Add("Renamed.", Severity.Success);
    }

    private async Task MoveAsync()
    {
        var parameters = new DialogParameters<DocumentMoveDialog>
        {
            { d => d.Folders, Screen.Folders().ToList() }, { d => d.ParentId, Screen.Open!.ParentId }, { d => d.ExcludeId, Screen.Open.Id },
            { d => d.Save, Screen.MoveAsync },
        };
        var dialog = await Dialogs.ShowAsync<DocumentMoveDialog>("Move", parameters, Options);
        if (await dialog.Result is { Canceled: false }) Snackbar.Add("Moved.", Severity.Success);
    }

    private async Task DeleteAsync()
    {
        var open = Screen.Open!;
        var what = open.Kind == DocumentKind.Page
            ? $"“{open.Title}”, its history and its attachments will be deleted for everyone in your team. This cannot be undone."
            : $"The folder “{open.Title}” will be deleted. Only an empty folder can be deleted.";
        if (await Dialogs.ShowMessageBoxAsync(open.Kind == DocumentKind.Page ? "Delete page?" : "Delete folder?", what, yesText: "Delete", cancelText: "Cancel") != true)
            return;
        if (await Screen.DeleteAsync() is { } error) Snackbar.Add(error, Severity.Error);
        else Snackbar.Add($"Deleted “{open.Title}”.", Severity.Success);
    }

    private async Task ToggleHistoryAsync()
    {
        _history = !_history;
        if (_history) await Screen.LoadVersionsAsync();
    }

    private async Task RestoreAsync(long number)
    {
        if (await Dialogs.ShowMessageBoxAsync("Restore version?", $"Version {number} will be saved as a new version; the history keeps everything.",
                yesText: "Restore", cancelText: "Cancel") != true) return;
        if (await Screen.RestoreAsync(number) is { } error) Snackbar.Add(error, Severity.Error);
        else Snackbar.Add($"Version {number} restored as a new version.", Severity.Success);
    }

    private async Task DeleteAttachmentAsync(Attachment attachment)
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete attachment?", $"“{attachment.FileName}” will be deleted for everyone. This cannot be undone.",
                yesText: "Delete", cancelText: "Cancel") != true) return;
        if (await Screen.DeleteAttachmentAsync(attachment) is { } error) Snackbar.Add(error, Severity.Error);
        else Snackbar.Add($"Deleted “{attachment.FileName}”.", Severity.Success);
    }
}
