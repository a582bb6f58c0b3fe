using DevPlatform.Core.Common;
using DevPlatform.Core.Convergence;
using DevPlatform.Core.Documentation;
using DevPlatform.Core.Projects;
using DevPlatform.Core.Storage.Blobs;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Uploads;
using DevPlatform.Tests.Infrastructure;

namespace DevPlatform.Tests.Core.Documentation;

/// <summary>Attachments on both backends: safe names, no overwrite, orphan-free failures, and files gone with their page.</summary>
public abstract class AttachmentServiceTests(AwsEmulators? emulators) : DocumentationTestBase(emulators)
{
    private AttachmentService Attachments => Harness.Get<AttachmentService>();
    private IBlobStore Blobs => Harness.Get<IBlobStore>();

    private Task<Attachment> AttachAsync(string documentId, string name, byte[] bytes, string? type = "application/pdf") =>
        Attachments.UploadAsync(Ana, documentId, name, new UploadSource(new MemoryStream(bytes), type));

    [Fact]
    public async Task ASecondFileOfTheSameNameIsKeptBesideTheFirst()
    {
        var page = await PageAsync("Specs", "");
        var first = await AttachAsync(page.Id, "spec.pdf", TestFiles.Pdf(100));
        var second = await AttachAsync(page.Id, "spec.pdf", TestFiles.Pdf(200));
        var third = await AttachAsync(page.Id, "SPEC.pdf", TestFiles.Pdf(300));

        Assert.Equal(["spec.pdf", "spec (2).pdf", "SPEC (3).pdf"], new[] { first, second, third }.Select(a => a.FileName));
        Assert.Equal($"documentation/{ProjectId}/{page.Id}/spec.pdf", first.Key);
        Assert.Equal(100, (await Blobs.GetInfoAsync(first.Key))!.Length);
        Assert.Equal(200, (await Blobs.GetInfoAsync(second.Key))!.Length);
        Assert.Equal(3, (await Attachments.ListAsync(Ana, page.Id)).Count);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\b.txt")]
    [InlineData("..")]
    [InlineData("bad\u0001name.txt")]
    [InlineData("evil\u202Etxt.exe")]
    [InlineData("")]
    public async Task AFileNameThatIsAPathOrHidesCharactersIsRefusedAndNothingIsStored(string name)
    {
        var page = await PageAsync("Specs", "");

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => AttachAsync(page.Id, name, TestFiles.Pdf(100)));

        Assert.True(error.Errors.ContainsKey("fileName"));
        Assert.Empty(await Attachments.ListAsync(Ana, page.Id));
    }

    [Fact]
    public async Task ALongNameIsShortenedKeepingItsExtension()
    {
        var page = await PageAsync("Specs", "");

        var attachment = await AttachAsync(page.Id, new string('a', 300) + ".pdf", TestFiles.Pdf(100));

        Assert.EndsWith(".pdf", attachment.FileName);
        Assert.True(attachment.FileName.Length <= AttachmentNames.MaxBytes);
    }

    [Fact]
    public async Task AStreamThatFailsHalfwayLeavesNoObjectNoRecordAndTheNameFree()
    {
        var page = await PageAsync("Specs", "");

        await Assert.ThrowsAsync<IOException>(() => Attachments.UploadAsync(Ana, page.Id, "big.pdf", new UploadSource(new FailingStream(TestFiles.Pdf(300_000), 200_000), "application/pdf")));

        Assert.Empty(await Attachments.ListAsync(Ana, page.Id));
        Assert.Null(await Blobs.GetInfoAsync($"documentation/{ProjectId}/{page.Id}/big.pdf"));
        Assert.Equal("big.pdf", (await AttachAsync(page.Id, "big.pdf", TestFiles.Pdf(10))).FileName);
    }

    [Fact]
    public async Task ADeclaredTypeThatLiesIsRefused()
    {
        var page = await PageAsync("Specs", "");

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => AttachAsync(page.Id, "photo.png", TestFiles.Pdf(100), "image/png"));

        Assert.Contains("contentType says image/png", error.Message);
        Assert.Empty(await Attachments.ListAsync(Ana, page.Id));
    }

    [Fact]
    public async Task DeletingAnAttachmentRemovesItsObject()
    {
        var page = await PageAsync("Specs", "");
        var attachment = await AttachAsync(page.Id, "spec.pdf", TestFiles.Pdf(100));

        await Attachments.DeleteAsync(Ana, page.Id, attachment.Id);

        Assert.Null(await Blobs.GetInfoAsync(attachment.Key));
        Assert.Empty(await Attachments.ListAsync(Ana, page.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Attachments.GetUrlAsync(Ana, page.Id, attachment.Id));
    }

    [Fact]
    public async Task DeletingAPageDeletesItsAttachmentsFromStorage()
    {
        var page = await PageAsync("Specs", "");
        var one = await AttachAsync(page.Id, "one.pdf", TestFiles.Pdf(100));
        var two = await AttachAsync(page.Id, "two.bin", [1, 2, 3], null);

        await Documents.DeleteAsync(Ana, page.Id, null);

        Assert.Null(await Blobs.GetInfoAsync(one.Key));
        Assert.Null(await Blobs.GetInfoAsync(two.Key));
        await Assert.ThrowsAsync<NotFoundException>(() => Attachments.ListAsync(Ana, page.Id));
    }

    [Fact]
    public async Task TheNameOfAFileWhoseUploadDiedIsFreeAgainOnceTheLongestUploadIsOver()
    {
        var page = await PageAsync("Specs", "");
        // The process "dies" after claiming the name and storing the file: the record and every clean-up step fail.
        Faults.FailOnItem = (call, key) => call == $"Delete:{DocumentTables.Table}" || call == $"Put:{DocumentTables.Table}" && key.SortKey.StartsWith("ATT#");
        await Assert.ThrowsAsync<IOException>(() => AttachAsync(page.Id, "spec.pdf", TestFiles.Pdf(100)));
        Faults.FailOnItem = (_, _) => false;

        Time.Offset = TimeSpan.FromHours(7);
        await Harness.Get<OwedWorkRunner>().RepairAsync(DocumentTables.Table, TimeSpan.FromSeconds(30), CancellationToken.None);
        await Harness.Get<OwedWorkRunner>().RepairAsync(UploadClaims.Table, TimeSpan.FromSeconds(30), CancellationToken.None);

        var again = await AttachAsync(page.Id, "spec.pdf", TestFiles.Pdf(100));
        Assert.Equal("spec.pdf", again.FileName);
        Assert.Equal([again.Key], (await Attachments.ListAsync(Ana, page.Id)).Select(a => a.Key));
    }

    [Fact]
    public async Task TheRepairPassKeepsTheNameOfAFileThatWasRecorded()
    {
        var page = await PageAsync("Specs", "");
        // Only the step that drops the name claim's owed release fails: the release must see the record and keep the name.
        var namePuts = 0;
        Faults.FailOnItem = (call, key) => call == $"Put:{DocumentTables.Table}" && key.SortKey.StartsWith("FILE#") && namePuts++ == 1;
        var kept = await AttachAsync(page.Id, "spec.pdf", TestFiles.Pdf(100));
        Faults.FailOnItem = (_, _) => false;

        Time.Offset = TimeSpan.FromHours(7);
        await Harness.Get<OwedWorkRunner>().RepairAsync(DocumentTables.Table, TimeSpan.FromSeconds(30), CancellationToken.None);

        var second = await AttachAsync(page.Id, "spec.pdf", TestFiles.Pdf(100));
        Assert.Equal(("spec.pdf", "spec (2).pdf"), (kept.FileName, second.FileName));
    }

    [Fact]
    public async Task DeletingTheProjectDeletesItsDocumentsVersionsSearchEntriesAndFiles()
    {
        var folder = await FolderAsync("Guides");
        var page = await PageAsync("Runbook", "Restart the payments worker", folder.Id);
        await Documents.SaveAsync(Ana, page.Id, "Runbook", "Restart the payments worker twice", page.Version);
        var attachment = await AttachAsync(page.Id, "spec.pdf", TestFiles.Pdf(100));

        await Harness.Get<ProjectService>().DeleteAsync(Ana, ProjectId, null);

        Assert.Null(await Blobs.GetInfoAsync(attachment.Key));
        var store = Harness.Get<IDocumentStore>();
        foreach (var id in new[] { folder.Id, page.Id })
            Assert.Empty((await store.QueryAsync(DocumentTables.Table, new DocumentQuery(DocumentTables.Partition(id)))).Items);
        Assert.Empty((await store.QueryAsync(DocumentTables.TermsTable, new DocumentQuery($"TERM#{ProjectId}#pa"))).Items);
        Assert.Empty((await store.QueryAsync(DocumentTables.TermsTable, new DocumentQuery($"DOCTERMS#{page.Id}"))).Items);
    }

    [Fact]
    public async Task AnotherTeamCannotSeeOrChangeAttachments()
    {
        var page = await PageAsync("Specs", "");
        var attachment = await AttachAsync(page.Id, "spec.pdf", TestFiles.Pdf(100));

        await Assert.ThrowsAsync<NotFoundException>(() => Attachments.GetUrlAsync(Bo, page.Id, attachment.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Attachments.DeleteAsync(Bo, page.Id, attachment.Id));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            Attachments.UploadAsync(Bo, page.Id, "x.pdf", new UploadSource(new MemoryStream(TestFiles.Pdf(10)), "application/pdf")));
        Assert.NotNull(await Blobs.GetInfoAsync(attachment.Key));
    }

    /// <summary>Gives the bytes up to <paramref name="failAt"/>, then an I/O error: a client that went away mid-upload.</summary>
    private sealed class FailingStream(byte[] bytes, int failAt) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= failAt ? throw new IOException("The client went away.") : base.Read(buffer, offset, (int)Math.Min(count, failAt - Position));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (Position >= failAt) throw new IOException("The client went away.");
            return base.ReadAsync(buffer[..(int)Math.Min(buffer.Length, failAt - Position)], ct);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
    }
}

public sealed class SqliteAttachmentServiceTests() : AttachmentServiceTests(null);

[Collection(AwsEmulatorCollection.Name)]
public sealed class DynamoAttachmentServiceTests(AwsEmulators emulators) : AttachmentServiceTests(emulators);
