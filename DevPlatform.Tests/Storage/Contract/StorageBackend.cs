using DevPlatform.Core.Storage.Aws;
using DevPlatform.Core.Storage.Blobs;
using DevPlatform.Core.Storage.Blobs.Aws;
using DevPlatform.Core.Storage.Blobs.Local;
using DevPlatform.Core.Storage.Documents;
using DevPlatform.Core.Storage.Documents.Aws;
using DevPlatform.Core.Storage.Documents.Local;
using DevPlatform.Core.Storage.Local;
using DevPlatform.Core.Storage.Notifications;
using DevPlatform.Core.Storage.Notifications.Aws;
using DevPlatform.Core.Storage.Notifications.Local;
using DevPlatform.Core.Storage.Queues;
using DevPlatform.Core.Storage.Queues.Aws;
using DevPlatform.Core.Storage.Queues.Local;
using DevPlatform.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace DevPlatform.Tests.Storage.Contract;

/// <summary>The four ports on one provider, isolated from every other test (own folder, or own resource prefix).</summary>
public abstract class StorageBackend : IAsyncDisposable
{
    public abstract IDocumentStore Documents { get; }
    public abstract IBlobStore Blobs { get; }
    public abstract IMessageQueue Queues { get; }
    public abstract INotificationBus Notifications { get; }

    /// <summary>Follows a download URL the way a browser would; returns the status and the body.</summary>
    public abstract Task<(int Status, byte[] Body)> DownloadAsync(Uri url);

    /// <summary>When the URL stops working, as the URL itself states it.</summary>
    public abstract DateTimeOffset ExpiryOf(Uri url);

    /// <summary>Anything that must run before notifications flow (AWS: the fan-out queue and its poller).</summary>
    public virtual Task StartNotificationsAsync(IEnumerable<string> topics) => Notifications.EnsureTopicsAsync(topics);

    public abstract ValueTask DisposeAsync();
}

public sealed class LocalBackend : StorageBackend
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "devplatform-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The data folder the embedded adapters write under.</summary>
    public string Folder => _folder;
    private readonly BlobUrlSigner _signer;
    private readonly FileBlobStore _blobs;

    public LocalBackend()
    {
        var database = new SqliteDatabase(Path.Combine(_folder, "devplatform.db"));
        _signer = BlobUrlSigner.FromDataFolder(_folder, TimeProvider.System);
        _blobs = new FileBlobStore(_folder, _signer);
        Documents = new SqliteDocumentStore(database);
        Queues = new SqliteMessageQueue(database, TimeProvider.System);
        Notifications = new InProcessNotificationBus(new NotificationDispatcher(NullLogger<NotificationDispatcher>.Instance));
    }

    public override IDocumentStore Documents { get; }
    public override IBlobStore Blobs => _blobs;
    public override IMessageQueue Queues { get; }
    public override INotificationBus Notifications { get; }

    /// <summary>Runs the same check and read as the app's /blobs route.</summary>
    public override async Task<(int Status, byte[] Body)> DownloadAsync(Uri url)
    {
        var absolute = new Uri(new Uri("http://localhost"), url);
        var key = Uri.UnescapeDataString(absolute.AbsolutePath[BlobUrlSigner.RoutePrefix.Length..]);
        var query = System.Web.HttpUtility.ParseQueryString(absolute.Query);
        var result = await new SignedBlobDownload(_blobs, _signer).OpenAsync(key, query["expires"], query["signature"], CancellationToken.None);
        if (result is not { Outcome: SignedBlobOutcome.Opened, Content: { } content }) return (result.Outcome == SignedBlobOutcome.InvalidKey ? 400 : 403, []);
        await using (content)
        {
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer);
            return (200, buffer.ToArray());
        }
    }

    public override DateTimeOffset ExpiryOf(Uri url)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://localhost"), url).Query);
        return DateTimeOffset.FromUnixTimeSeconds(long.Parse(query["expires"]!));
    }

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

public sealed class AwsBackend : StorageBackend
{
    private static readonly HttpClient Http = new();
    private readonly SnsNotificationBus _bus;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _poller;

    public AwsBackend(AwsEmulators emulators)
    {
        Options = emulators.Options($"t{Guid.NewGuid().ToString("N")[..10]}-");
        Documents = new DynamoDocumentStore(AwsClientFactory.DynamoDb(Options), Options);
        Blobs = new S3BlobStore(AwsClientFactory.S3(Options), Options, NullLogger<S3BlobStore>.Instance);
        Queues = new SqsMessageQueue(AwsClientFactory.Sqs(Options), Options);
        _bus = new SnsNotificationBus(new SnsClient(Http, Options, TimeProvider.System), AwsClientFactory.Sqs(Options), Options, TimeProvider.System,
            new NotificationDispatcher(NullLogger<NotificationDispatcher>.Instance), NullLogger<SnsNotificationBus>.Instance);
    }

    public AwsOptions Options { get; }
    public override IDocumentStore Documents { get; }
    public override IBlobStore Blobs { get; }
    public override IMessageQueue Queues { get; }
    public override INotificationBus Notifications => _bus;

    public override async Task<(int Status, byte[] Body)> DownloadAsync(Uri url)
    {
        using var response = await Http.GetAsync(url);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>A SigV4 presigned URL expires X-Amz-Expires seconds after X-Amz-Date.</summary>
    public override DateTimeOffset ExpiryOf(Uri url)
    {
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var signedAt = DateTimeOffset.ParseExact(query["X-Amz-Date"]!, "yyyyMMdd'T'HHmmss'Z'",
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        return signedAt.AddSeconds(int.Parse(query["X-Amz-Expires"]!));
    }

    public override async Task StartNotificationsAsync(IEnumerable<string> topics)
    {
        await _bus.EnsureTopicsAsync(topics);
        await _bus.StartFanOutAsync(CancellationToken.None);
        _poller = Task.Run(async () =>
        {
            while (!_stopping.IsCancellationRequested)
                await _bus.PollOnceAsync(_stopping.Token);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_poller is not null)
        {
            try
            {
                await _poller;
            }
            catch (OperationCanceledException)
            {
                // The poller ends by cancellation.
            }
            await _bus.StopFanOutAsync(CancellationToken.None);
        }
        _stopping.Dispose();
    }
}
