using System.Security.Claims;
using Bunit;
using DevPlatform.Core;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Storage.Documents.Local;
using DevPlatform.Web.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace DevPlatform.Tests.Components;

/// <summary>
/// bUnit with MudBlazor (loose JS interop, no transitions) over Core's real services on embedded storage in a
/// temporary folder (seen through <see cref="Store"/>), signed in as Ana.
/// </summary>
public abstract class ComponentTestBase : BunitContext, IAsyncLifetime
{
    protected static readonly Actor Ana = new("ana", "Ana Lima");
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "devplatform-tests", Guid.NewGuid().ToString("N"));

    protected ComponentTestBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Local:DataPath"] = _dataPath })
            .Build();
        Services.AddLogging();
        // Before Core, whose TryAdd then keeps it as the port every service uses.
        Services.AddSingleton(sp => new InstrumentedDocumentStore(sp.GetRequiredService<SqliteDocumentStore>()));
        Services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<InstrumentedDocumentStore>());
        Services.AddDevPlatformCore(configuration);
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
        Services.AddScoped<CurrentUser>();
        Services.AddTransient<DevPlatform.Web.Components.Pages.Projects.ProjectsScreen>();
        Services.AddScoped<DevPlatform.Web.Components.Shared.BrowserTimeZone>();
        var authorization = AddAuthorization();
        authorization.SetAuthorized(Ana.DisplayName);
        authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, Ana.UserId));
        // As in a live circuit: interactive Server rendering. (Last: the renderer builds the service provider.)
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    protected string AnaTeamId { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        await Services.GetRequiredService<IDocumentStore>().EnsureTablesAsync(Services.GetRequiredService<StorageCatalog>().Tables);
        AnaTeamId = (await Services.GetRequiredService<TeamDirectory>().EnsureUserAsync(Ana)).PersonalTeamId;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataPath)) Directory.Delete(_dataPath, recursive: true);
    }

    /// <summary>The document store every service uses: counts reads, can hold them or fail writes.</summary>
    protected InstrumentedDocumentStore Store => Service<InstrumentedDocumentStore>();

    protected T Service<T>() where T : notnull => Services.GetRequiredService<T>();
}
