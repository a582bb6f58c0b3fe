using DevPlatform.Core.Activity;
using DevPlatform.Core.Architecture;
using DevPlatform.Core.Common;
using DevPlatform.Core.Identity;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Storage.Blobs;
using DevPlatform.Core.Uploads;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.Architecture;

/// <summary>The uploaded diagram image of an architecture, on both backends: stored, replaced, deleted, never orphaned.</summary>
public abstract class ArchitectureDiagramTests(AwsEmulators? emulators) : IAsyncLifetime
{
    private static readonly Actor Ana = new("ana", "Ana Lima");
    private static readonly Actor Bo = new("bo", "Bo Chen");
    private ServiceHarness _harness = null!;
    private ArchitectureService Architectures => _harness.Get<ArchitectureService>();
    private IBlobStore Blobs => _harness.Get<IBlobStore>();
    private ArchitectureDesign _design = null!;

    public async Task InitializeAsync()
    {
        _harness = await new ServiceHarness(emulators).StartAsync();
        var team = (await _harness.Get<TeamDirectory>().EnsureUserAsync(Ana)).PersonalTeamId;
        await _harness.Get<TeamDirectory>().EnsureUserAsync(Bo);
        var project = await _harness.Get<ProjectService>().CreateAsync(Ana, team, new ProjectInput("Shop", ""));
        _design = await Architectures.CreateAsync(Ana, project.Id, ArchitectureServiceTests.Shop);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private string Folder => ArchitectureService.FolderOf(_design.ProjectId, _design.Id);

    private Task<ArchitectureDesign> UploadAsync(byte[] content, string? type, Actor? actor = null, string? projectId = null) =>
        Architectures.UploadDiagramAsync(actor ?? Ana, _design.Id, projectId, new UploadSource(new MemoryStream(content), type));

    [Fact]
    public async Task AnUploadIsStoredUnderTheSeedKeyAndPointedAt()
    {
        var png = TestFiles.Png(5000);

        var design = await UploadAsync(png, "image/png");

        Assert.Equal(new DiagramImage(Folder + "diagram.png", "image/png", 5000, design.Diagram!.UploadedAt, "ana"), design.Diagram);
        Assert.Equal(1, design.Version);
        await using var stored = await Blobs.OpenReadAsync(Folder + "diagram.png");
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        Assert.Equal(png, copy.ToArray());
        Assert.True(await Architectures.IsReferencedAsync(_design.Id, Folder + "diagram.png", CancellationToken.None));
    }

    [Fact]
    public async Task AReplaceOfAnotherTypeDeletesTheOldObject()
    {
        await UploadAsync(TestFiles.Png(100), "image/png");

        var design = await UploadAsync(TestFiles.Svg(), "image/svg+xml");

        Assert.Equal(Folder + "diagram.svg", design.Diagram!.Key);
        Assert.Null(await Blobs.GetInfoAsync(Folder + "diagram.png"));
        Assert.NotNull(await Blobs.GetInfoAsync(Folder + "diagram.svg"));
    }

    [Fact]
    public async Task DeletingTheDiagramDeletesTheObjectAndRecordsIt()
    {
        await UploadAsync(TestFiles.Jpeg(100), "image/jpeg");

        var design = await Architectures.DeleteDiagramAsync(Ana, _design.Id, _design.ProjectId);

        Assert.Null(design.Diagram);
        Assert.Null(await Blobs.GetInfoAsync(Folder + "diagram.jpg"));
        await Assert.ThrowsAsync<NotFoundException>(() => Architectures.GetDiagramUrlAsync(Ana, _design.Id, null));
        var history = await _harness.Get<ActivityLog>().ListForTargetAsync(ArchitectureService.TargetType, _design.Id, 10);
        Assert.Equal([ActivityActions.ArchitectureDiagramDeleted, ActivityActions.ArchitectureDiagramUploaded, ActivityActions.ArchitectureCreated],
            history.Select(r => r.Action));
    }

    [Fact]
    public async Task DeletingTheArchitectureDeletesItsFiles()
    {
        await UploadAsync(TestFiles.WebP(100), "image/webp");

        await Architectures.DeleteAsync(Ana, _design.Id, null);

        Assert.Null(await Blobs.GetInfoAsync(Folder + "diagram.webp"));
        Assert.False(await Architectures.IsReferencedAsync(_design.Id, Folder + "diagram.webp", CancellationToken.None));
    }

    [Fact]
    public async Task DeletingTheProjectDeletesItsArchitecturesTheirVersionsAndFiles()
    {
        await UploadAsync(TestFiles.Png(100), "image/png");
        await Architectures.UpdateAsync(Ana, _design.Id, new ArchitectureInput("Shop 2", null), 1);

        await _harness.Get<ProjectService>().DeleteAsync(Ana, _design.ProjectId, null);

        Assert.Null(await Blobs.GetInfoAsync(Folder + "diagram.png"));
        var items = await _harness.Get<DevPlatform.Core.Storage.Documents.IDocumentStore>().QueryAsync(ArchitectureService.Table,
            new DevPlatform.Core.Storage.Documents.DocumentQuery($"ARCH#{_design.Id}"));
        Assert.Empty(items.Items);
    }

    [Fact]
    public async Task AStreamThatFailsHalfwayLeavesNoObjectAndNoChange()
    {
        var before = await Architectures.GetAsync(Ana, _design.Id);

        await Assert.ThrowsAsync<IOException>(() => Architectures.UploadDiagramAsync(Ana, _design.Id, null,
            new UploadSource(new FailingUploadStream(TestFiles.Png(200_000)), "image/png")));

        Assert.Null(await Blobs.GetInfoAsync(Folder + "diagram.png"));
        Assert.Equal(DocumentJson.Serialize(before), DocumentJson.Serialize(await Architectures.GetAsync(Ana, _design.Id)));
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("image/svg+xml")]
    public async Task ADeclaredTypeThatLiesIsRefusedAndNothingIsStored(string declared)
    {
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => UploadAsync(declared == "image/png" ? TestFiles.Jpeg(100) : TestFiles.Png(100), declared));

        Assert.Contains("contentType", error.Errors.Keys);
        Assert.Null((await Architectures.GetAsync(Ana, _design.Id)).Diagram);
    }

    [Fact]
    public async Task AnOverSizeDiagramIsRefusedAndNothingIsStored()
    {
        await Assert.ThrowsAsync<PayloadTooLargeException>(() => UploadAsync(TestFiles.Png((int)UploadPolicy.Diagram.MaxBytes + 1), "image/png"));

        Assert.Null(await Blobs.GetInfoAsync(Folder + "diagram.png"));
        Assert.Null((await Architectures.GetAsync(Ana, _design.Id)).Diagram);
    }

    [Fact]
    public async Task AnotherTeamOrAnotherProjectCannotUploadAndStoresNothing()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => UploadAsync(TestFiles.Png(100), "image/png", actor: Bo));
        await Assert.ThrowsAsync<NotFoundException>(() => UploadAsync(TestFiles.Png(100), "image/png", projectId: "prj_00000000000000000000000000000000"));

        Assert.Null(await Blobs.GetInfoAsync(Folder + "diagram.png"));
    }

    [Fact]
    public async Task TheDownloadUrlServesTheDiagram()
    {
        await UploadAsync(TestFiles.Png(100), "image/png");

        var url = await Architectures.GetDiagramUrlAsync(Ana, _design.Id, _design.ProjectId);

        Assert.True(url.IsAbsoluteUri || url.OriginalString.StartsWith('/'));
        await Assert.ThrowsAsync<NotFoundException>(() => Architectures.GetDiagramUrlAsync(Bo, _design.Id, null));
    }
}

public sealed class SqliteArchitectureDiagramTests() : ArchitectureDiagramTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoArchitectureDiagramTests(AwsEmulators emulators) : ArchitectureDiagramTests(emulators);
