namespace DevPlatform.Core.Storage.Aws;

/// <summary>The "Aws" configuration section; read only when Storage:Provider is Aws.</summary>
public sealed class AwsOptions
{
    public const string Section = "Aws";

    public string Region { get; set; } = "us-east-1";
    /// <summary>An emulator's endpoint (http://127.0.0.1:4566); empty for real AWS.</summary>
    public string? ServiceUrl { get; set; }
    /// <summary>Separate endpoint for DynamoDB when it is emulated apart from SQS/SNS/S3; defaults to ServiceUrl.</summary>
    public string? DynamoDbServiceUrl { get; set; }
    /// <summary>Prefixed to every table, bucket, queue and topic name, so several installations share an account.</summary>
    public string ResourcePrefix { get; set; } = "devplatform-";
    /// <summary>Create missing tables, the bucket, queues and topics at start-up.</summary>
    public bool CreateResources { get; set; }
    /// <summary>The bucket for blobs; defaults to "{ResourcePrefix}blobs".</summary>
    public string? BucketName { get; set; }
    /// <summary>How often an instance marks its fan-out queue alive and looks for queues of instances that died.</summary>
    public int FanOutHeartbeatSeconds { get; set; } = 60;
    /// <summary>A fan-out queue not marked alive for this long belongs to a dead instance and is removed; at least two heartbeats.</summary>
    public int FanOutStaleAfterSeconds { get; set; } = 300;

    public string Name(string logicalName) => ResourcePrefix + logicalName;
    public string Bucket => string.IsNullOrWhiteSpace(BucketName) ? Name("blobs") : BucketName;
}
