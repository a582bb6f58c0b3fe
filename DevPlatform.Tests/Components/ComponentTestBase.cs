using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using DevPlatform.Core;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Storage;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Storage.Documents.Local;
using DevPlatform.Tests.Infrastructure;
using DevPlatform.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Infrastructure;
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
        Services.AddSingleton<IConfiguration>(configuration);
        // Before Core, whose TryAdd then keeps it: a test moves time to make invitations and tokens expire.
        Services.AddSingleton<TimeProvider>(Clock);
        // Before Core, whose TryAdd then keeps it as the port every service uses.
        // Indexes lag as DynamoDB's do once a test sets Index.Lagging (the emulator and SQLite never lag).
        Services.AddSingleton(sp => Index = new LaggingIndexDocumentStore(sp.GetRequiredService<SqliteDocumentStore>()) { Lagging = false });
        Services.AddSingleton(sp => new InstrumentedDocumentStore(sp.GetRequiredService<LaggingIndexDocumentStore>()));
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
        Services.AddTransient<DevPlatform.Web.Components.Pages.Team.TeamScreen>();
        Services.AddTransient<DevPlatform.Web.Components.Pages.Architecture.ArchitectureScreen>();
        Services.AddTransient<DevPlatform.Web.Components.Pages.Documentation.DocumentationScreen>();
        Services.AddTransient<DevPlatform.Web.Components.Pages.Settings.SettingsScreen>();
        Services.AddTransient<DevPlatform.Web.Components.Pages.Schema.SchemaScreen>();
        Services.AddTransient<DevPlatform.Web.Components.Pages.CodeGeneration.CodeGenerationScreen>();
        Services.AddScoped<DevPlatform.Web.Components.Shared.BrowserTimeZone>();
        // Prerendered state as the framework carries it ([PersistentState]), for RenderPrerenderedThenLiveAsync.
        PersistentState = AddBunitPersistentComponentState();
        Services.AddSupplyValueFromPersistentComponentStateProvider();
        Authorization = AddAuthorization();
        SignInAs(Ana);
        // As in a live circuit: interactive Server rendering. (Last: the renderer builds the service provider.)
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected string AnaTeamId { get; private set; } = "";

    /// <summary>The time every service reads; move it with <see cref="ShiftableTime.Offset"/>.</summary>
    protected ShiftableTime Clock { get; } = new();

    /// <summary>The documents port's indexes, which a test can make lag behind writes.</summary>
    protected LaggingIndexDocumentStore Index { get; private set; } = null!;

    private BunitPersistentComponentState PersistentState { get; }

    private BunitAuthorizationContext Authorization { get; }

    protected void SignInAs(Actor actor)
    {
        Authorization.SetAuthorized(actor.DisplayName);
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, actor.UserId));
    }

    /// <summary>Nobody signed in, as on a page anyone may open.</summary>
    protected void SignOut() => Authorization.SetNotAuthorized();

    /// <summary>
    /// A page view as the server serves it: a prerender (whose persisted state goes into the page), then the live
    /// circuit's render, which starts from that state. <paramref name="loaded"/> says when the prerender is complete;
    /// <paramref name="liveUser"/>, when given, is signed in for the live render (the page's HTML replayed by someone else).
    /// </summary>
    protected async Task<IRenderedComponent<T>> RenderPrerenderedThenLiveAsync<T>(Action<IRenderedComponent<T>> loaded,
        Action<ComponentParameterCollectionBuilder<T>>? parameters = null, Actor? liveUser = null) where T : IComponent
    {
        Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var prerendered = Render(parameters ?? (_ => { }));
        prerendered.WaitForAssertion(() => loaded(prerendered));
        PersistentState.TriggerOnPersisting();
        await DisposeComponentsAsync();
        if (liveUser is not null) SignInAs(liveUser);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Render(parameters ?? (_ => { }));
    }

    public virtual async Task InitializeAsync()
    {
        await Services.GetRequiredService<IDocumentStore>().EnsureTablesAsync(Services.GetRequiredService<StorageCatalog>().Tables);
        AnaTeamId = (await Services.GetRequiredService<TeamDirectory>().EnsureUserAsync(Ana)).PersonalTeamId;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        // A live event already on its way may still open the database (its -wal file) while the folder goes.
        for (var attempt = 1; Directory.Exists(_dataPath); attempt++)
        {
            try
            {
                Directory.Delete(_dataPath, recursive: true);
            }
            catch (IOException) when (attempt < 10)
            {
                await Task.Delay(100);
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }
        }
    }

    /// <summary>The document store every service uses: counts reads, can hold them or fail writes.</summary>
    protected InstrumentedDocumentStore Store => Service<InstrumentedDocumentStore>();

    protected T Service<T>() where T : notnull => Services.GetRequiredService<T>();
}
