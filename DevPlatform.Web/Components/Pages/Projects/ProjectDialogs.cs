using DevPlatform.Core.Common;
using DevPlatform.Core.Projects;
using MudBlazor;

namespace DevPlatform.Web.Components.Pages.Projects;

/// <summary>The project dialogs both Projects pages open, so they ask and say the same things.</summary>
public static class ProjectDialogs
{
    private static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    /// <summary>Opens the create (project null) or edit dialog; true when the user saved.</summary>
    public static async Task<bool> EditAsync(this IDialogService dialogs, Project? project, Func<ProjectInput, Task<string?>> save)
    {
        var parameters = new DialogParameters<ProjectDialog> { { d => d.Project, project }, { d => d.Save, save } };
        var dialog = await dialogs.ShowAsync<ProjectDialog>(project is null ? "New project" : "Edit project", parameters, Options);
        return (await dialog.Result) is { Canceled: false };
    }

    /// <summary>Runs a save for the dialog: null when it worked, else the message the dialog shows.</summary>
    public static async Task<string?> SaveMessageAsync(Func<Task> save)
    {
        try
        {
            await save();
            return null;
        }
        catch (ValidationFailedException e)
        {
            return string.Join(" ", e.Errors.SelectMany(p => p.Value));
        }
        catch (Exception e) when (e is NotFoundException or ForbiddenException or ConflictException)
        {
            return e.Message;
        }
    }

    public static async Task<bool> ConfirmDeleteAsync(this IDialogService dialogs, Project project) =>
        await dialogs.ShowMessageBoxAsync("Delete project?",
            $"“{project.Name}” and its history will be deleted for everyone in your team. This cannot be undone.",
            yesText: "Delete", cancelText: "Cancel") == true;
}
