using System.Buffers;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using DevPlatform.Core.Storage.Aws;
using Microsoft.Extensions.Logging;

namespace DevPlatform.Core.Storage.Blobs.Aws;

/// <summary>
/// Blobs on S3. Content is read one part at a time into a pooled buffer: an object smaller than one part is a
/// single PUT, a larger one a multipart upload (aborted on failure), so memory stays at one part per upload.
/// </summary>
public sealed class S3BlobStore(IAmazonS3 s3, AwsOptions options, ILogger<S3BlobStore> logger) : IBlobStore, IBackendProbe
{
    public string Backend => "blobs";

    public Task ProbeAsync(CancellationToken ct) => s3.HeadBucketAsync(new HeadBucketRequest { BucketName = Bucket }, ct);

    /// <summary>S3's smallest allowed part; emulators also refuse single PUTs much above this.</summary>
    internal const int PartSize = 5 * 1024 * 1024;

    private string Bucket => options.Bucket;

    public async Task EnsureContainerAsync(CancellationToken ct = default)
    {
        if (!options.CreateResources)
        {
            try
            {
                await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, MaxKeys = 1 }, ct);
                return;
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                throw new InvalidOperationException($"S3 bucket '{Bucket}' does not exist; create it or set Aws:CreateResources=true.", e);
            }
        }
        try
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = Bucket, UseClientRegion = true }, ct);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // Idempotent creation: the bucket is there.
        }
    }

    public async Task<BlobInfo> PutAsync(string key, Stream content, string contentType, CancellationToken ct = default)
    {
        BlobKey.Validate(key);
        var buffer = ArrayPool<byte>.Shared.Rent(PartSize);
        try
        {
            var read = await content.ReadAtLeastAsync(buffer.AsMemory(0, PartSize), PartSize, throwOnEndOfStream: false, ct);
            if (read < PartSize)
            {
                await s3.PutObjectAsync(new PutObjectRequest
                {
                    BucketName = Bucket, Key = key, ContentType = contentType,
                    InputStream = new MemoryStream(buffer, 0, read, writable: false),
                }, ct);
                return new BlobInfo(key, read, contentType);
            }
            return await PutMultipartAsync(key, content, contentType, buffer, read, ct);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<BlobInfo> PutMultipartAsync(string key, Stream content, string contentType, byte[] buffer, int firstPartLength, CancellationToken ct)
    {
        var upload = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = Bucket, Key = key, ContentType = contentType,
        }, ct);
        try
        {
            var parts = new List<PartETag>();
            long total = 0;
            var length = firstPartLength;
            while (length > 0)
            {
                var part = await s3.UploadPartAsync(new UploadPartRequest
                {
                    BucketName = Bucket, Key = key, UploadId = upload.UploadId, PartNumber = parts.Count + 1,
                    InputStream = new MemoryStream(buffer, 0, length, writable: false), PartSize = length,
                }, ct);
                parts.Add(new PartETag(parts.Count + 1, part.ETag));
                total += length;
                length = await content.ReadAtLeastAsync(buffer.AsMemory(0, PartSize), PartSize, throwOnEndOfStream: false, ct);
            }
            await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = Bucket, Key = key, UploadId = upload.UploadId, PartETags = parts,
            }, ct);
            return new BlobInfo(key, total, contentType);
        }
        catch
        {
            await AbortAsync(key, upload.UploadId);
            throw;
        }
    }

    /// <summary>
    /// Without an abort S3 keeps (and bills) the uploaded parts. A failed abort is logged, not thrown: the caller must
    /// see why the upload failed, and a bucket lifecycle rule can still clear the parts later.
    /// </summary>
    private async Task AbortAsync(string key, string uploadId)
    {
        try
        {
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest
            {
                BucketName = Bucket, Key = key, UploadId = uploadId,
            }, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Aborting multipart upload {UploadId} of {Key} failed; its parts stay in the bucket until removed", uploadId, key);
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken ct = default)
    {
        try
        {
            var response = await s3.GetObjectAsync(Bucket, BlobKey.Validate(key), ct);
            return new OwningStream(response.ResponseStream, response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new BlobNotFoundException(key);
        }
    }

    public async Task<BlobInfo?> GetInfoAsync(string key, CancellationToken ct = default)
    {
        try
        {
            var metadata = await s3.GetObjectMetadataAsync(Bucket, BlobKey.Validate(key), ct);
            return new BlobInfo(key, metadata.ContentLength, metadata.Headers.ContentType ?? "application/octet-stream");
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct = default) =>
        s3.DeleteObjectAsync(Bucket, BlobKey.Validate(key), ct);

    /// <exception cref="BlobsNotDeletedException">S3 refused some keys; the others are deleted.</exception>
    public async Task<int> DeleteByPrefixAsync(string prefix, CancellationToken ct = default)
    {
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = BlobKey.ValidatePrefix(prefix) };
        var deleted = 0;
        var failed = new List<string>();
        ListObjectsV2Response page;
        do
        {
            page = await s3.ListObjectsV2Async(request, ct);
            var keys = page.S3Objects ?? [];
            if (keys.Count > 0)
            {
                var response = await DeleteObjectsAsync(keys.Select(o => o.Key), ct);
                deleted += response.DeletedObjects?.Count ?? 0;
                failed.AddRange((response.DeleteErrors ?? []).Select(e => e.Key));
            }
            request.ContinuationToken = page.NextContinuationToken;
        } while (page.IsTruncated == true);
        return failed.Count == 0 ? deleted : throw new BlobsNotDeletedException(failed, deleted);
    }

    /// <summary>The SDK throws when some keys were not deleted; either way the answer lists deleted and failed keys.</summary>
    private async Task<DeleteObjectsResponse> DeleteObjectsAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        try
        {
            return await s3.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = Bucket, Objects = keys.Select(k => new KeyVersion { Key = k }).ToList(),
            }, ct);
        }
        catch (DeleteObjectsException e) when (e.Response is not null)
        {
            return e.Response;
        }
    }

    public async Task<Uri> GetDownloadUrlAsync(string key, TimeSpan lifetime, CancellationToken ct = default)
    {
        var url = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = Bucket, Key = BlobKey.Validate(key), Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.Add(lifetime),
            // S3 cannot send a Content-Security-Policy, so anything but a raster image is a download, never a page, and
            // what is shown is sent as the image type its name says, whatever was stored under that name.
            ResponseHeaderOverrides =
            {
                ContentDisposition = BlobDisposition.HeaderFor(key, storedContentType: null),
                ContentType = BlobDisposition.InlineContentType(key),
            },
            Protocol = options.ServiceUrl?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
        });
        return new Uri(url);
    }

    /// <summary>Disposes the SDK response together with its body stream.</summary>
    private sealed class OwningStream(Stream inner, IDisposable owner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => inner.ReadAsync(buffer, ct);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => inner.ReadAsync(buffer, offset, count, ct);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                owner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
