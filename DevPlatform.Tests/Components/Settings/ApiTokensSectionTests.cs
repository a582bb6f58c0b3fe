using Bunit;
using DevPlatform.Core.Tokens;
using static DevPlatform.Tests.Components.Team.TeamPageTests;

namespace DevPlatform.Tests.Components.Settings;

/// <summary>The API tokens section (on the Settings page): the secret is shown once, only the hint stays.</summary>
public sealed class ApiTokensSectionTests : ComponentTestBase
{
    private ApiTokenService Tokens => Service<ApiTokenService>();

    [Fact]
    public async Task CreatingATokenShowsItsSecretOnceThenListsOnlyItsHint()
    {
        var cut = RenderPage();
        cut.WaitForAssertion(() => cut.Find("[data-testid=tokens-empty]"));

        await cut.InvokeAsync(() => cut.Find("[data-testid=new-token]").Click());
        cut.WaitForAssertion(() => cut.Find("input[data-testid=token-name]"));
        await cut.InvokeAsync(() => cut.Find("input[data-testid=token-name]").Input("CI deploys"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=token-create]").Click());

        cut.WaitForAssertion(() => cut.Find("input[data-testid=token-secret]"));
        var secret = cut.Find("input[data-testid=token-secret]").GetAttribute("value")!;
        Assert.StartsWith("dp_", secret);
        Assert.Contains("You won't see this token again.", cut.Find("[data-testid=token-secret-warning]").TextContent);
        var (actor, _, _) = await Tokens.AuthenticateAsync(secret);
        Assert.True(actor is { UserId: "ana", ReadOnly: true });
        await cut.InvokeAsync(() => cut.Find("[data-testid=token-done]").Click());
        cut.WaitForAssertion(() => Assert.Contains("CI deploys", cut.Find("[data-testid=tokens-table]").TextContent));
        Assert.DoesNotContain(secret, cut.Markup);
        Assert.Contains(secret[..12], cut.Find("[data-testid=tokens-table]").TextContent);
    }

    [Fact]
    public async Task ATokenWithoutANameIsRefusedInTheDialog()
    {
        var cut = RenderPage();
        cut.WaitForAssertion(() => cut.Find("[data-testid=tokens-empty]"));

        await cut.InvokeAsync(() => cut.Find("[data-testid=new-token]").Click());
        cut.WaitForAssertion(() => cut.Find("[data-testid=token-create]"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=token-create]").Click());

        cut.WaitForAssertion(() => Assert.Contains("Name is required: say what the token is for.", cut.Markup));
        Assert.Empty(cut.FindAll("input[data-testid=token-secret]"));
    }

    [Fact]
    public async Task RevokingATokenAsksFirstThenRemovesIt()
    {
        var issued = await Tokens.CreateAsync(Ana, "Old script", ApiTokenScope.ReadWrite, 30);
        var cut = RenderPage();

        cut.WaitForAssertion(() => cut.Find("[data-testid=revoke-token]"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=revoke-token]").Click());
        cut.WaitForAssertion(() => Assert.Contains("Revoke the token?", cut.Markup));
        await ClickButton(cut, "Revoke");

        cut.WaitForAssertion(() => cut.Find("[data-testid=tokens-empty]"));
        Assert.NotNull((await Tokens.AuthenticateAsync(issued.Secret)).Rejection);
    }

    [Fact]
    public async Task AnExpiredTokenIsListedWithAnExpiredChip()
    {
        await Tokens.CreateAsync(Ana, "Short lived", ApiTokenScope.ReadOnly, 7);
        Clock.Offset = TimeSpan.FromDays(8);

        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal("Expired", cut.Find("[data-testid=token-expired]").TextContent.Trim()));
    }

    private IRenderedComponent<SettingsPageHost> RenderPage()
    {
        var cut = Render<SettingsPageHost>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=api-tokens]"));
        return cut;
    }
}
