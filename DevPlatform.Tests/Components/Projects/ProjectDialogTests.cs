using Bunit;
using DevPlatform.Core.Projects;
using DevPlatform.Web.Components.Pages.Projects;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DevPlatform.Tests.Components.Projects;

public sealed class ProjectDialogTests : ComponentTestBase
{
    [Fact]
    public async Task AfterAnUnexpectedFailureTheSaveButtonWorksAgain()
    {
        var attempts = 0;
        Func<ProjectInput, Task<string?>> save = _ => ++attempts == 1
            ? throw new InvalidOperationException("storage hiccup")
            : Task.FromResult<string?>(null);
        var cut = Render(b =>
        {
            b.OpenComponent<MudDialogProvider>(0);
            b.CloseComponent();
        });
        IDialogReference? dialog = null;
        await cut.InvokeAsync(async () => dialog = await Service<IDialogService>().ShowAsync<ProjectDialog>("New project",
            new DialogParameters<ProjectDialog> { { d => d.Save, save } }));
        cut.Find("input[data-testid=project-name]").Input("Payments");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => cut.Find("[data-testid=project-save]").ClickAsync(new()));

        Assert.Equal("storage hiccup", failure.Message);
        Assert.False(cut.Find("[data-testid=project-save]").HasAttribute("disabled"));
        await cut.Find("[data-testid=project-save]").ClickAsync(new());
        Assert.Equal(2, attempts);
        Assert.False((await dialog!.Result)!.Canceled);
    }
}
