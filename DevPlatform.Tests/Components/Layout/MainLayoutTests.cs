using Bunit;
using DevPlatform.Web.Components.Layout;
using Microsoft.AspNetCore.Components;

namespace DevPlatform.Tests.Components.Layout;

public sealed class MainLayoutTests : ComponentTestBase
{
    [Fact]
    public void APageThatFailsShowsTheFriendlyMessageInsideTheShell()
    {
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b =>
        {
            b.OpenComponent<FailingPage>(0);
            b.CloseComponent();
        })));

        cut.WaitForAssertion(() => Assert.Contains("Something went wrong on this page.", cut.Markup));
        Assert.Contains("Nothing you saved was lost", cut.Markup);
        Assert.Contains("DevPlatform", cut.Find(".mud-appbar").TextContent);
        Assert.DoesNotContain("page bug", cut.Markup);
    }

    [Fact]
    public void TheDarkModeToggleSavesTheChoiceOnTheProfile()
    {
        var cut = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(_ => { })));
        cut.WaitForAssertion(() => cut.Find("[data-testid=dark-mode-toggle]"));

        cut.Find("[data-testid=dark-mode-toggle]").Click();

        cut.WaitForAssertion(async () =>
            Assert.True((await Service<DevPlatform.Core.Identity.TeamDirectory>().GetProfileAsync(Ana.UserId))!.DarkMode));
    }

    private sealed class FailingPage : ComponentBase
    {
        protected override void OnInitialized() => throw new InvalidOperationException("page bug");
    }
}
