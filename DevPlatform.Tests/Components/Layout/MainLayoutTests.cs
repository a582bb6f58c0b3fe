using Bunit;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Web.Components.Layout;
using DevPlatform.Web.Components.Pages.Projects;
using Microsoft.AspNetCore.Components;

namespace DevPlatform.Tests.Components.Layout;

public sealed class MainLayoutTests : ComponentTestBase
{
    [Fact]
    public void APageThatFailsShowsTheFriendlyMessageInsideTheShell()
    {
        var cut = RenderLayoutAround<FailingPage>();

        cut.WaitForAssertion(() => Assert.Contains("Something went wrong on this page.", cut.Markup));
        Assert.Contains("Nothing you saved was lost", cut.Markup);
        Assert.Contains("DevPlatform", cut.Find(".mud-appbar").TextContent);
        Assert.DoesNotContain("page bug", cut.Markup);
    }

    [Fact]
    public async Task TheDarkModeToggleSavesTheChoiceOnTheProfile()
    {
        var cut = RenderLayoutAround<EmptyPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=dark-mode-toggle]"));

        cut.Find("[data-testid=dark-mode-toggle]").Click();

        await cut.WaitForAssertionAsync(async () =>
            Assert.True((await Service<TeamDirectory>().GetProfileAsync(Ana.UserId))!.DarkMode));
    }

    [Fact]
    public async Task AThemeSaveThatConflictsTwiceShowsAMessageAndTheLayoutCarriesOn()
    {
        var cut = RenderLayoutAround<EmptyPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=dark-mode-toggle]"));
        // Every write of the profile conflicts, so the directory's one retry conflicts too.
        Store.FailWrites(IdentityTables.Users, () => new ConditionalWriteFailedException(IdentityTables.Users, IdentityTables.UserKey(Ana.UserId)));

        await cut.Find("[data-testid=dark-mode-toggle]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Your theme choice was not saved", cut.Find(".mud-snackbar").TextContent));
        Assert.False((await Service<TeamDirectory>().GetProfileAsync(Ana.UserId))!.DarkMode);
        // Still a working layout: back to light, then dark again, which is saved this time.
        Store.FailWrites(IdentityTables.Users, null);
        await cut.Find("[data-testid=dark-mode-toggle]").ClickAsync(new());
        await cut.Find("[data-testid=dark-mode-toggle]").ClickAsync(new());
        await cut.WaitForAssertionAsync(async () =>
            Assert.True((await Service<TeamDirectory>().GetProfileAsync(Ana.UserId))!.DarkMode));
    }

    [Fact]
    public async Task AnUnexpectedErrorSavingTheThemeShowsAnErrorMessage()
    {
        var cut = RenderLayoutAround<EmptyPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=dark-mode-toggle]"));
        Store.FailWrites(IdentityTables.Users, () => new IOException("disk full"));

        await cut.Find("[data-testid=dark-mode-toggle]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("not saved because of an error", cut.Find(".mud-snackbar").TextContent));
        Assert.DoesNotContain("disk full", cut.Markup);
    }

    [Fact]
    public void AnUnexpectedFailureInADialogShowsTheFriendlyMessageInsideTheShell()
    {
        var cut = RenderLayoutAround<ProjectsPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=projects-empty]"));
        Store.FailWrites(ProjectService.Table, () => new InvalidOperationException("storage bug"));
        cut.Find("[data-testid=new-project]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=project-save]"));
        cut.Find("input[data-testid=project-name]").Input("Payments");

        cut.Find("[data-testid=project-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Something went wrong on this page.", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=project-save]"));
        Assert.DoesNotContain("storage bug", cut.Markup);
    }

    private IRenderedComponent<MainLayout> RenderLayoutAround<TPage>() where TPage : IComponent =>
        Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b =>
        {
            b.OpenComponent<TPage>(0);
            b.CloseComponent();
        })));

    private sealed class EmptyPage : ComponentBase;

    private sealed class FailingPage : ComponentBase
    {
        protected override void OnInitialized() => throw new InvalidOperationException("page bug");
    }
}
