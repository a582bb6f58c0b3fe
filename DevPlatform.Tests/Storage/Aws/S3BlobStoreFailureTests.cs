using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using DevPlatform.Core.Storage.Aws;
using DevPlatform.Core.Storage.Blobs;
using DevPlatform.Core.Storage.Blobs.Aws;
using DevPlatform.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Tests.Storage.Aws;

/// <summary>S3 failures the emulator never produces, on a client whose answers the test chooses.</summary>
public sealed class S3BlobStoreFailureTests : IDisposable
{
    private readonly RecordingLoggerProvider _log = new();
    private readonly LoggerFactory _loggers;

    public S3BlobStoreFailureTests() => _loggers = new LoggerFactory([_log]);

    public void Dispose() => _loggers.Dispose();

    [Fact]
    public async Task AFailedAbortIsLoggedAndTheCallerSeesWhyTheUploadFailed()
    {
        var store = new S3BlobStore(new ScriptedS3(), new AwsOptions(), _loggers.CreateLogger<S3BlobStore>());

        var error = await Assert.ThrowsAsync<IOException>(() =>
            store.PutAsync("code-generations/p1/c1/archive.zip", new GeneratedStream(S3BlobStore.PartSize + 1), "application/zip"));

        Assert.Equal("connection reset during part 2", error.Message);
        var logged = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.IsType<AmazonS3Exception>(logged.Exception);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DeleteByPrefixCountsOnlyDeletedKeysAndNamesTheOthers(bool sdkThrows)
    {
        var store = new S3BlobStore(new ScriptedS3 { DeleteObjectsThrows = sdkThrows }, new AwsOptions(), _loggers.CreateLogger<S3BlobStore>());

        var error = await Assert.ThrowsAsync<BlobsNotDeletedException>(() => store.DeleteByPrefixAsync("docs/"));

        Assert.Equal(["docs/b", "docs/c"], error.Keys);
        Assert.Equal(1, error.Deleted);
        Assert.Contains("docs/b, docs/c", error.Message);
    }

    /// <summary>Never reaches the network: every call the tests make is answered here.</summary>
    private sealed class ScriptedS3() : AmazonS3Client(new BasicAWSCredentials("test", "test"),
        new AmazonS3Config { ServiceURL = "http://127.0.0.1:9", ForcePathStyle = true })
    {
        public bool DeleteObjectsThrows { get; init; }

        public override Task<InitiateMultipartUploadResponse> InitiateMultipartUploadAsync(InitiateMultipartUploadRequest request, CancellationToken ct = default) =>
            Task.FromResult(new InitiateMultipartUploadResponse { UploadId = "upload-1" });

        public override Task<UploadPartResponse> UploadPartAsync(UploadPartRequest request, CancellationToken ct = default) =>
            request.PartNumber == 1
                ? Task.FromResult(new UploadPartResponse { ETag = "etag-1" })
                : throw new IOException($"connection reset during part {request.PartNumber}");

        public override Task<AbortMultipartUploadResponse> AbortMultipartUploadAsync(AbortMultipartUploadRequest request, CancellationToken ct = default) =>
            throw new AmazonS3Exception("abort refused");

        public override Task<ListObjectsV2Response> ListObjectsV2Async(ListObjectsV2Request request, CancellationToken ct = default) =>
            Task.FromResult(new ListObjectsV2Response
            {
                S3Objects = new[] { "docs/a", "docs/b", "docs/c" }.Select(k => new S3Object { Key = k }).ToList(), IsTruncated = false,
            });

        public override Task<DeleteObjectsResponse> DeleteObjectsAsync(DeleteObjectsRequest request, CancellationToken ct = default)
        {
            var response = new DeleteObjectsResponse
            {
                DeletedObjects = [new DeletedObject { Key = "docs/a" }],
                DeleteErrors = new[] { "docs/b", "docs/c" }.Select(k => new DeleteError { Key = k, Code = "AccessDenied" }).ToList(),
            };
            return DeleteObjectsThrows ? throw new DeleteObjectsException(response) : Task.FromResult(response);
        }
    }
}
