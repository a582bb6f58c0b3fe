using Bunit;
using DevPlatform.Web.Components.Shared;

namespace DevPlatform.Tests.Components.Shared;

public sealed class LocalTimeTests : ComponentTestBase
{
    private const string Module = "./Components/Shared/LocalTime.razor.js";
    private static readonly DateTimeOffset Moment = new(2026, 3, 5, 14, 3, 0, TimeSpan.Zero);

    [Fact]
    public void ShowsUtcAndSaysSoUntilTheBrowserAnswersThenTheBrowsersTime()
    {
        var answer = JSInterop.SetupModule(Module).Setup<string?>("timeZone");

        var cut = Render<LocalTime>(p => p.Add(x => x.Value, Moment));

        Assert.Equal("5 Mar 2026 14:03 UTC", cut.Find("span").TextContent);
        answer.SetResult("America/Sao_Paulo");
        cut.WaitForAssertion(() => Assert.Equal("5 Mar 2026 11:03", cut.Find("span").TextContent));
        Assert.Equal("5 Mar 2026 11:03:00", cut.Find("span").GetAttribute("title"));
    }

    [Fact]
    public void AZoneTheServerDoesNotKnowFallsBackToUtcAndSaysSo()
    {
        JSInterop.SetupModule(Module).Setup<string?>("timeZone").SetResult("Mars/Olympus_Mons");

        var cut = Render<LocalTime>(p => p.Add(x => x.Value, Moment));

        cut.WaitForAssertion(() => Assert.Equal("UTC", cut.Find("span").GetAttribute("data-time-zone")));
        Assert.Equal("5 Mar 2026 14:03 UTC", cut.Find("span").TextContent);
    }

    [Fact]
    public void TheBrowserIsAskedOncePerCircuit()
    {
        JSInterop.SetupModule(Module).Setup<string?>("timeZone").SetResult("Asia/Tokyo");

        var first = Render<LocalTime>(p => p.Add(x => x.Value, Moment));
        first.WaitForAssertion(() => Assert.Equal("5 Mar 2026 23:03", first.Find("span").TextContent));
        var second = Render<LocalTime>(p => p.Add(x => x.Value, Moment.AddHours(1)));

        Assert.Equal("6 Mar 2026 00:03", second.Find("span").TextContent);
        Assert.Single(JSInterop.Invocations, i => i.Identifier == "import");
    }

    [Fact]
    public void RelativeTimesOlderThanADayShowTheDateInTheBrowsersZoneWithTheExactTimeAsTooltip()
    {
        JSInterop.SetupModule(Module).Setup<string?>("timeZone").SetResult("Asia/Tokyo");
        var lateEvening = new DateTimeOffset(2020, 1, 1, 20, 0, 0, TimeSpan.Zero);

        var cut = Render<LocalTime>(p => p.Add(x => x.Value, lateEvening).Add(x => x.Relative, true));

        cut.WaitForAssertion(() => Assert.Equal("2 Jan 2020", cut.Find("span").TextContent));
        Assert.Equal("2 Jan 2020 05:00:00", cut.Find("span").GetAttribute("title"));
    }
}
