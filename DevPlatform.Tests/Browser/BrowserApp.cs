using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Browser;

/// <summary>
/// One built app and one Chromium for the browser flows of a test run: starting either takes seconds, and every flow
/// signs in as people of its own, so they share both without seeing each other's data.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public AppServer App { get; } = new();
    public BrowserSession Browser { get; } = new();

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        await Browser.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserAppCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "Browser app";
}
