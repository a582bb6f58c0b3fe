using Bunit;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Settings;
using DevPlatform.Core.Tokens;
using DevPlatform.Tests.Infrastructure;
using DevPlatform.Core.Uploads;
using DevPlatform.Web.Components.Pages.Settings;
using DevPlatform.Web.Components.Shared;
using DevPlatform.Web.Identity;
using Microsoft.AspNetCore.Components.Forms;

namespace DevPlatform.Tests.Components.Settings;

/// <summary>The Settings page: profile and preferences saved with their version, and the picture streamed to storage.</summary>
public sealed class SettingsPageTests : ComponentTestBase
{
    [Fact]
    public async Task SavingANewNameAndThemeStoresThemAndTellsTheAppBar()
    {
        UserSettings? told = null;
        Service<CurrentUser>().SettingsChanged += s => told = s;
        var cut = RenderPage();

        await cut.InvokeAsync(() => cut.Find("input[data-testid=display-name]").Input("Ana L."));
        await cut.InvokeAsync(() => cut.FindAll("[data-testid=theme] label").Single(l => l.TextContent.Trim() == "Dark").QuerySelector("input")!.Click());
        cut.WaitForAssertion(() => Assert.False(cut.Find("[data-testid=save-settings]").HasAttribute("disabled")));
        await cut.InvokeAsync(() => cut.Find("[data-testid=save-settings]").Click());

        cut.WaitForAssertion(() => cut.Find("[data-testid=settings-saved]"));
        var stored = await Service<SettingsService>().GetAsync(Ana);
        Assert.Equal(("Ana L.", ThemeChoice.Dark, 2L), (stored.DisplayName, stored.Theme, stored.Version));
        Assert.Equal("Ana L.", told?.DisplayName);
    }

    [Fact]
    public async Task AnEmptyNameIsRefusedOnTheFormAndNothingIsSaved()
    {
        var cut = RenderPage();

        await cut.InvokeAsync(() => cut.Find("input[data-testid=display-name]").Input(" "));
        await cut.InvokeAsync(() => cut.Find("[data-testid=save-settings]").Click());

        cut.WaitForAssertion(() => Assert.Contains("Display name is required.", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=settings-saved]"));
        Assert.Equal("Ana Lima", (await Service<SettingsService>().GetAsync(Ana)).DisplayName);
    }

    [Fact]
    public async Task AChangeMadeElsewhereMeanwhileIsNotOverwritten()
    {
        var cut = RenderPage();
        await Service<SettingsService>().UpdateAsync(Ana, new SettingsInput(TimeZone: "Europe/Lisbon"), expectedVersion: 1);

        await cut.InvokeAsync(() => cut.Find("input[data-testid=display-name]").Input("Ana L."));
        await cut.InvokeAsync(() => cut.Find("[data-testid=save-settings]").Click());

        cut.WaitForAssertion(() => Assert.Contains("changed since you read them", cut.Find("[data-testid=settings-save-error]").TextContent));
        Assert.Equal(("Ana Lima", "Europe/Lisbon"), ((await Service<SettingsService>().GetAsync(Ana)).DisplayName, (await Service<SettingsService>().GetAsync(Ana)).TimeZone));
    }

    [Fact]
    public async Task AnUploadedPictureIsShownAndTheAppBarIsTold()
    {
        UserSettings? told = null;
        Service<CurrentUser>().SettingsChanged += s => told = s;
        // The browser's PUT, answered as the route does: it stores the picture through the same service.
        var send = JSInterop.SetupModule(FileUpload.Module).Setup<UploadAnswer>("send", _ => true);
        var cut = RenderPage();

        var upload = Task.Run(() => cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(TestFiles.Png(2048), "me.png", contentType: "image/png")));
        cut.WaitForAssertion(() => Assert.Single(send.Invocations), TimeSpan.FromSeconds(10));
        Assert.Equal(SettingsScreen.PictureUploadUrl, send.Invocations["send"][0].Arguments[1]);
        await Service<ProfilePictureService>().UploadAsync(Ana, new UploadSource(new MemoryStream(TestFiles.Png(2048)), "image/png"));
        send.SetResult(new UploadAnswer(201, "{}", Aborted: false, Missing: false));
        await upload;

        cut.WaitForAssertion(() => Assert.StartsWith("/pictures/ana/", cut.Find("[data-testid=picture-preview]").GetAttribute("src")));
        Assert.Contains("Your new picture is in place.", cut.Markup);
        Assert.StartsWith("/pictures/ana/", told?.PictureUrl);
        cut.Find("[data-testid=delete-picture]");
    }

    [Fact]
    public async Task APageViewReadsTheProfileAndTokensOnce()
    {
        await Service<SettingsService>().GetAsync(Ana);
        Store.ResetCounts();

        var cut = await RenderPrerenderedThenLiveAsync<SettingsPage>(c => c.Find("[data-testid=settings-form]"));

        cut.WaitForAssertion(() => cut.Find("[data-testid=tokens-empty]"));
        Assert.Equal((1, 1), (Store.ReadsOf(IdentityTables.Users), Store.ReadsOf(ApiTokenService.Table)));
    }

    private IRenderedComponent<SettingsPageHost> RenderPage()
    {
        var cut = Render<SettingsPageHost>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=settings-form]"));
        return cut;
    }
}
